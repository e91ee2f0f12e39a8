/// NumPy's `np.isin(element, test_elements, invert)`: a bool array shaped like `element`,
/// true where the element occurs in `testElements` (compared in their promoted dtype;
/// NaN is in no set, as NaN != NaN). `invert: true` gives the negation.
public func isin(_ element: NDArray, _ testElements: NDArray, invert: Bool = false) -> NDArray {
    let type = DType.resultType([element.dtype, testElements.dtype])!
    let sortedTests = unique(testElements.astype(type), equalNaN: true)
    let values = element.astype(type).copy(order: .c)
    let positions = searchsorted(sortedTests, values, side: .left).toArray(Int64.self)
    var result = NDArray(uninitializedShape: element.shape, dtype: .bool)
    let output = result.makeUniqueForWriting().assumingMemoryBound(to: Bool.self)
    withSortableType(type) { element in
        membership(element, sortedTests, values, positions, output, invert)
    }
    return result
}

private func membership<T: SortableElement>(_: T.Type, _ sorted: NDArray, _ values: NDArray, _ positions: [Int64], _ output: UnsafeMutablePointer<Bool>, _ invert: Bool) {
    let tests = sorted.baseAddress.assumingMemoryBound(to: T.self)
    let items = values.baseAddress.assumingMemoryBound(to: T.self)
    for (i, position) in positions.enumerated() {
        let value = items[i]
        let p = Int(position)
        let found = !value.isUnordered && p < sorted.size && !tests[p].isUnordered && !T.sortsBefore(value, tests[p])
        output[i] = found != invert
    }
}

/// NumPy's `np.intersect1d(a, b)`: the sorted distinct values in both (flattened) arrays.
/// As in NumPy, each array is made unique in its own dtype before the two are compared in
/// their promoted dtype (so two integers that round to one float both count); NaN is in
/// no intersection.
public func intersect1d(_ a: NDArray, _ b: NDArray) -> NDArray {
    let both = promotedUnion(a, b)
    let group = groupIndices(both)
    let count = both.size
    return gather(both, (0..<Swift.max(count - 1, 0)).filter { group[$0] == group[$0 + 1] })
}

/// The unique values of `a` and of `b`, cast to their promoted dtype, joined and sorted.
private func promotedUnion(_ a: NDArray, _ b: NDArray) -> NDArray {
    let type = DType.resultType([a.dtype, b.dtype])!
    return join(unique(a).astype(type), unique(b).astype(type)).sorted(axis: 0, kind: .stable)
}

/// For each position of a sorted 1-D array, the number of its group of equal elements
/// (NaN equal to nothing, as NumPy's `==`).
private func groupIndices(_ sorted: NDArray) -> [Int] {
    let starts = groupStarts(sorted, equalNaN: false)
    var group = [Int](repeating: 0, count: sorted.size)
    for (g, start) in starts.enumerated() {
        let end = g + 1 < starts.count ? starts[g + 1] : sorted.size
        for i in start..<end { group[i] = g }
    }
    return group
}

/// NumPy's `np.union1d(a, b)`: the sorted distinct values in either (flattened) array.
public func union1d(_ a: NDArray, _ b: NDArray) -> NDArray {
    let type = DType.resultType([a.dtype, b.dtype])!
    return unique(join(a.astype(type), b.astype(type)))
}

/// NumPy's `np.setdiff1d(a, b)`: the sorted distinct values of `a` not in `b`.
public func setdiff1d(_ a: NDArray, _ b: NDArray) -> NDArray {
    let ua = unique(a)
    return compress(ua, isin(ua, b, invert: true))
}

/// NumPy's `np.setxor1d(a, b)`: the sorted distinct values in exactly one of the arrays
/// (each made unique in its own dtype first, then compared in the promoted dtype).
public func setxor1d(_ a: NDArray, _ b: NDArray) -> NDArray {
    let both = promotedUnion(a, b)
    let group = groupIndices(both)
    let count = both.size
    return gather(both, (0..<count).filter { (i: Int) -> Bool in
        (i == 0 || group[i - 1] != group[i]) && (i == count - 1 || group[i + 1] != group[i])
    })
}

/// The flattened elements of two arrays of one dtype, one after the other.
func join(_ a: NDArray, _ b: NDArray) -> NDArray {
    let fa = a.ravel().copy(order: .c), fb = b.ravel().copy(order: .c)
    var result = NDArray(uninitializedShape: [fa.size + fb.size], dtype: fa.dtype)
    let target = result.makeUniqueForWriting()
    target.copyMemory(from: fa.baseAddress, byteCount: fa.nbytes)
    (target + fa.nbytes).copyMemory(from: fb.baseAddress, byteCount: fb.nbytes)
    return result
}

/// The elements of a contiguous 1-D array where `mask` is true.
func compress(_ array: NDArray, _ mask: NDArray) -> NDArray {
    let keep = mask.toArray(Bool.self)
    return gather(array.copy(order: .c), keep.indices.filter { keep[$0] })
}
