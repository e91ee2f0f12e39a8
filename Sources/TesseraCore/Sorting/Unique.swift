/// The groups of equal elements of a sorted run: the start position of each group.
/// NaNs are equal to each other when `equalNaN` (for complex: every value with a NaN part,
/// as NumPy's `unique` treats them), else each NaN is its own group.
func groupStarts(_ sorted: NDArray, equalNaN: Bool) -> [Int] {
    let count = sorted.size
    guard count > 0 else { return [] }
    return withSortableType(sorted.dtype) { element in
        groupStarts(element, sorted.baseAddress, count, equalNaN: equalNaN)
    }
}

private func groupStarts<T: SortableElement>(_: T.Type, _ base: UnsafeMutableRawPointer, _ count: Int, equalNaN: Bool) -> [Int] {
    let values = base.assumingMemoryBound(to: T.self)
    var starts = [0]
    for i in 1..<count {
        let previous = values[i - 1], current = values[i]
        let same: Bool
        if previous.isUnordered || current.isUnordered {
            same = equalNaN && previous.isUnordered && current.isUnordered
        } else {
            same = !T.sortsBefore(previous, current)
        }
        if !same { starts.append(i) }
    }
    return starts
}

/// Copies the elements at `positions` of a contiguous 1-D array into a new one.
func gather(_ array: NDArray, _ positions: [Int]) -> NDArray {
    var result = NDArray(uninitializedShape: [positions.count], dtype: array.dtype)
    let item = array.itemSize
    let target = result.makeUniqueForWriting(), source = array.baseAddress
    for (i, position) in positions.enumerated() {
        (target + i * item).copyMemory(from: source + position * item, byteCount: item)
    }
    return result
}

/// What the `unique` family computes, from one stable sort of the flattened input.
struct UniqueParts {
    var values: NDArray
    var indices: [Int] = []
    var inverse: [Int] = []
    var counts: [Int] = []

    init(_ a: NDArray, equalNaN: Bool, withIndices: Bool) {
        let flat = a.ravel()
        guard withIndices else {
            let sorted = flat.sorted(axis: 0, kind: .stable)
            let starts = groupStarts(sorted, equalNaN: equalNaN)
            values = gather(sorted, starts)
            counts = zip(starts, starts.dropFirst() + [sorted.size]).map { $1 - $0 }
            return
        }
        let order = flat.argsort(axis: 0, kind: .stable).toArray(Int64.self).map(Int.init)
        let contiguous = flat.copy(order: .c)
        let sorted = gather(contiguous, order)
        let starts = groupStarts(sorted, equalNaN: equalNaN)
        values = gather(sorted, starts)
        indices = starts.map { order[$0] }
        counts = zip(starts, starts.dropFirst() + [sorted.size]).map { $1 - $0 }
        inverse = [Int](repeating: 0, count: order.count)
        var group = -1, next = 0
        for (position, source) in order.enumerated() {
            if next < starts.count && starts[next] == position { group += 1; next += 1 }
            inverse[source] = group
        }
    }
}

private func int64Array(_ values: [Int], shape: [Int]? = nil) -> NDArray {
    NDArray(values.map(Int64.init), shape: shape)
}

/// NumPy's `np.unique(a)`: the sorted distinct elements of the flattened array. All NaNs
/// count as one (NumPy's `equal_nan=True`; pass `equalNaN: false` to keep each NaN).
/// Which of a run of equal elements is kept (the sign of a zero) is the first in the
/// array's order; NumPy's unstable sort may keep another zero.
public func unique(_ a: NDArray, equalNaN: Bool = true) -> NDArray {
    UniqueParts(a, equalNaN: equalNaN, withIndices: false).values
}

/// NumPy's `np.unique(a, axis=axis)`: the distinct sub-arrays along `axis`, sorted
/// lexicographically (by the first element of each, then the next, …).
/// A bad axis is a programmer error; see ``NDArray/unique(_:axis:)``.
public func unique(_ a: NDArray, axis: Int) -> NDArray {
    do { return try NDArray.unique(a, axis: axis) } catch { fatalError("unique: \(error)") }
}

/// NumPy 2.0's `np.unique_values(x)`: the distinct elements, each NaN kept separately
/// (`equal_nan=False`). NumPy ≥ 2.3 may return them in any order; Tessera's are sorted.
public func uniqueValues(_ a: NDArray) -> NDArray {
    UniqueParts(a, equalNaN: false, withIndices: false).values
}

/// NumPy 2.0's `np.unique_counts(x)`: the sorted distinct elements and how often each
/// occurs (int64); each NaN is distinct.
public func uniqueCounts(_ a: NDArray) -> (values: NDArray, counts: NDArray) {
    let parts = UniqueParts(a, equalNaN: false, withIndices: false)
    return (parts.values, int64Array(parts.counts))
}

/// NumPy 2.0's `np.unique_inverse(x)`: the sorted distinct elements and, for each
/// element of `x`, the position of its value among them (int64, shaped like `x`), so
/// that `values[inverseIndices]` rebuilds `x`.
public func uniqueInverse(_ a: NDArray) -> (values: NDArray, inverseIndices: NDArray) {
    let parts = UniqueParts(a, equalNaN: false, withIndices: true)
    return (parts.values, int64Array(parts.inverse, shape: a.shape))
}

/// NumPy 2.0's `np.unique_all(x)`: values, the flat index of each value's first
/// occurrence, the inverse indices (shaped like `x`) and the counts.
public func uniqueAll(_ a: NDArray) -> (values: NDArray, indices: NDArray, inverseIndices: NDArray, counts: NDArray) {
    let parts = UniqueParts(a, equalNaN: false, withIndices: true)
    return (parts.values, int64Array(parts.indices), int64Array(parts.inverse, shape: a.shape), int64Array(parts.counts))
}

extension NDArray {
    /// Throwing form of ``unique(_:axis:)``.
    /// - Throws: `.axisError` when `axis` is out of range.
    public static func unique(_ a: NDArray, axis: Int) throws -> NDArray {
        let axis = try normalizeAxis(axis, ndim: a.ndim)
        // NumPy's moveaxis(axis, 0): the other axes keep their order within each row.
        let axisOrder = [axis] + (0..<a.ndim).filter { $0 != axis }
        let moved = a.transposed(axes: axisOrder).copy(order: .c)
        let rows = moved.shape.first ?? 0
        let width = rows == 0 ? 0 : moved.size / rows
        let matrix = moved.rawView(shape: [rows, width], strides: [width * a.itemSize, a.itemSize])
        // Stable lexsort of the rows: the first column is the primary key.
        let keys = (0..<width).reversed().map { column in
            matrix.rawView(shape: [rows], strides: [matrix.strides[0]], byteOffset: column * a.itemSize)
        }
        let order: [Int] = width == 0 ? Array(0..<Swift.min(rows, 1)) : try lexsort(keys, axis: 0).toArray(Int64.self).map(Int.init)
        var kept: [Int] = []
        let rowBytes = width * a.itemSize
        for position in order {
            if let last = kept.last, width > 0 {
                let lastRow = matrix.rawView(shape: [width], strides: [a.itemSize], byteOffset: last * rowBytes)
                let row = matrix.rawView(shape: [width], strides: [a.itemSize], byteOffset: position * rowBytes)
                if rowsEqual(lastRow, row) { continue }
            } else if !kept.isEmpty {
                continue
            }
            kept.append(position)
        }
        var result = NDArray(uninitializedShape: [kept.count] + Array(moved.shape.dropFirst()), dtype: a.dtype)
        let target = result.makeUniqueForWriting()
        for (i, position) in kept.enumerated() {
            (target + i * rowBytes).copyMemory(from: matrix.baseAddress + position * rowBytes, byteCount: rowBytes)
        }
        var inverse = [Int](repeating: 0, count: axisOrder.count)
        for (position, source) in axisOrder.enumerated() { inverse[source] = position }
        return result.transposed(axes: inverse)
    }
}

/// Whether two 1-D rows of one dtype hold equal elements (all NaNs equal).
private func rowsEqual(_ a: NDArray, _ b: NDArray) -> Bool {
    var pair = NDArray(uninitializedShape: [2], dtype: a.dtype)
    let target = pair.makeUniqueForWriting()
    let item = a.itemSize
    for column in 0..<a.size {
        target.copyMemory(from: a.baseAddress + column * a.strides[0], byteCount: item)
        (target + item).copyMemory(from: b.baseAddress + column * b.strides[0], byteCount: item)
        if groupStarts(pair, equalNaN: true).count != 1 { return false }
    }
    return true
}
