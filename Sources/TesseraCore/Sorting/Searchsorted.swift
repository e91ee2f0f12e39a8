/// NumPy's `np.searchsorted(a, v, side, sorter)`: for each element of `v`, the index at
/// which inserting it into the sorted 1-D array `a` keeps `a` sorted — the first such
/// index with `side: .left`, the last with `.right`. `a` and `v` are compared in their
/// promoted dtype with NumPy's sort order (NaNs last). `sorter` (an integer array, e.g.
/// `argsort(a)`) gives the order of an unsorted `a`. The result is int64 shaped like `v`.
/// Bad input is a programmer error; see ``NDArray/searchsorted(_:_:side:sorter:)``.
public func searchsorted(_ a: NDArray, _ v: NDArray, side: SearchSide = .left, sorter: NDArray? = nil) -> NDArray {
    do {
        return try NDArray.searchsorted(a, v, side: side, sorter: sorter)
    } catch {
        fatalError("searchsorted: \(error)")
    }
}

/// ``searchsorted(_:_:side:sorter:)`` for one value: the insertion index as an `Int`.
public func searchsorted<T: NDArrayElement>(_ a: NDArray, _ value: T, side: SearchSide = .left, sorter: NDArray? = nil) -> Int {
    let position = searchsorted(a, NDArray(scalar: value), side: side, sorter: sorter)
    return Int(position.item(Int64.self))
}

extension NDArray {
    /// Throwing form of ``searchsorted(_:_:side:sorter:)``.
    /// - Throws: `.shapeMismatch` when `a` is not 1-D or `sorter` is not shaped like `a`,
    ///   `.indexError` when `sorter` holds an index out of range, `.castingError` when
    ///   `sorter` is not an integer array.
    public static func searchsorted(_ a: NDArray, _ v: NDArray, side: SearchSide = .left, sorter: NDArray? = nil) throws -> NDArray {
        guard a.ndim == 1 else {
            throw TesseraError(.shapeMismatch, "searchsorted: the sorted array must be 1-D, not of shape \(a.shape)")
        }
        let type = DType.resultType([a.dtype, v.dtype])!
        var haystack = a.astype(type).copy(order: .c)
        if let sorter {
            guard sorter.dtype.isInteger else {
                throw TesseraError(.castingError, "searchsorted: sorter must be an integer array, not \(sorter.dtype)")
            }
            guard sorter.shape == a.shape else {
                throw TesseraError(.shapeMismatch, "searchsorted: sorter.size must equal a.size (sorter shape \(sorter.shape), a shape \(a.shape))")
            }
            let order = sorter.toArray(Int64.self)
            guard order.allSatisfy({ $0 >= 0 && $0 < a.size }) else {
                throw TesseraError(.indexError, "searchsorted: sorter index out of range for an array of \(a.size) elements")
            }
            var reordered = NDArray(uninitializedShape: [a.size], dtype: type)
            let item = type.itemSize
            let target = reordered.makeUniqueForWriting()
            for (i, j) in order.enumerated() {
                (target + i * item).copyMemory(from: haystack.baseAddress + Int(j) * item, byteCount: item)
            }
            haystack = reordered
        }
        let needles = v.astype(type).copy(order: .c)
        var result = NDArray(uninitializedShape: v.shape, dtype: .int64)
        let output = result.makeUniqueForWriting().assumingMemoryBound(to: Int64.self)
        withSortableType(type) { element in
            binarySearch(element, haystack.baseAddress, haystack.size, needles.baseAddress, needles.size, output, side)
        }
        return result
    }
}

private func binarySearch<T: SortableElement>(_: T.Type, _ sorted: UnsafeMutableRawPointer, _ count: Int, _ values: UnsafeMutableRawPointer, _ valueCount: Int, _ output: UnsafeMutablePointer<Int64>, _ side: SearchSide) {
    let a = sorted.assumingMemoryBound(to: T.self), v = values.assumingMemoryBound(to: T.self)
    for i in 0..<valueCount {
        let value = v[i]
        var low = 0, high = count
        while low < high {
            let mid = low + (high - low) / 2
            // left: the first position whose element is not before the value;
            // right: the first position whose element sorts after it.
            let goRight = side == .left ? T.sortsBefore(a[mid], value) : !T.sortsBefore(value, a[mid])
            if goRight { low = mid + 1 } else { high = mid }
        }
        output[i] = Int64(low)
    }
}
