import TesseraCore

// NumPy's `stable` kind for the dtypes without a radix key (complex): a top-down merge
// sort that takes from the left run on ties, so equal elements keep their order and
// `argsort(kind: .stable)` matches NumPy's indices exactly.

/// Stably sorts `count` elements in place.
func mergeSort<T: SortableElement>(_ base: UnsafeMutablePointer<T>, _ count: Int) {
    guard count > 1 else { return }
    let buffer = UnsafeMutablePointer<T>.allocate(capacity: count)
    defer { buffer.deallocate() }
    mergeSort(base, buffer, 0, count) { T.sortsBefore($0, $1) }
}

/// Stably permutes `indices` so that `values[indices[i]]` is sorted.
func argMergeSort<T: SortableElement>(_ values: UnsafePointer<T>, _ indices: UnsafeMutablePointer<Int64>, _ count: Int) {
    guard count > 1 else { return }
    let buffer = UnsafeMutablePointer<Int64>.allocate(capacity: count)
    defer { buffer.deallocate() }
    mergeSort(indices, buffer, 0, count) { T.sortsBefore(values[Int($0)], values[Int($1)]) }
}

/// Sorts `base[low..<high]` using `buffer` (same size as the whole range) as scratch.
func mergeSort<E>(_ base: UnsafeMutablePointer<E>, _ buffer: UnsafeMutablePointer<E>, _ low: Int, _ high: Int, _ less: (E, E) -> Bool) {
    if high - low <= 16 {
        guard high - low > 1 else { return }
        for i in (low + 1)..<high {
            let value = base[i]
            var j = i
            while j > low && less(value, base[j - 1]) {
                base[j] = base[j - 1]
                j -= 1
            }
            base[j] = value
        }
        return
    }
    let mid = low + (high - low) / 2
    mergeSort(base, buffer, low, mid, less)
    mergeSort(base, buffer, mid, high, less)
    // Already in order: nothing to merge.
    if !less(base[mid], base[mid - 1]) { return }
    (buffer + low).update(from: base + low, count: mid - low)
    var i = low, j = mid, k = low
    while i < mid && j < high {
        if less(base[j], buffer[i]) {
            base[k] = base[j]; j += 1
        } else {
            base[k] = buffer[i]; i += 1
        }
        k += 1
    }
    while i < mid { base[k] = buffer[i]; i += 1; k += 1 }
}
