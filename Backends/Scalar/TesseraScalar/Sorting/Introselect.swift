import TesseraCore

// NumPy's `introselect` kind for `partition`/`argpartition`: quickselect with a
// median-of-three pivot; a range that has not shrunk after 2·log2(n) rounds is sorted
// outright, which bounds the worst case by O(n log n). Several `kth` are handled in
// ascending order, each selection confined to the part after the previous one.

@inline(__always)
func introselect<T: SortableElement>(_ count: Int, kth: [Int], element: (Int) -> T, swap: (Int, Int) -> Void) {
    var low = 0
    for k in kth {
        var lo = low, hi = count - 1
        var depth = 2 * (Int.bitWidth - count.leadingZeroBitCount)
        while hi - lo > 16 {
            if depth == 0 { break }
            depth -= 1
            let i = medianOfThreePartition(lo, hi, element: element, swap: swap)
            if i == k { lo = k; hi = k; break }
            if k < i { hi = i - 1 } else { lo = i + 1 }
        }
        if hi > lo {
            // A short (or stubborn) range: sorting it puts every position in place.
            if hi - lo > 16 {
                introsortRange(lo, hi, element: element, swap: swap)
            } else {
                insertionSort(lo, hi, element: element, swap: swap)
            }
        }
        low = k + 1
    }
}

/// Sorts positions `low...high` with the introsort of the whole-array kernels.
@inline(__always)
func introsortRange<T: SortableElement>(_ low: Int, _ high: Int, element: (Int) -> T, swap: (Int, Int) -> Void) {
    introsort(high - low + 1) { element(low + $0) } swap: { swap(low + $0, low + $1) }
}

func partitionKernel<T: SortableElement>(_ base: UnsafeMutablePointer<T>, _ count: Int, _ kth: [Int]) {
    introselect(count, kth: kth) { base[$0] } swap: { base.swapAt($0, $1) }
}

func argpartitionKernel<T: SortableElement>(_ values: UnsafePointer<T>, _ indices: UnsafeMutablePointer<Int64>, _ count: Int, _ kth: [Int]) {
    introselect(count, kth: kth) { values[Int(indices[$0])] } swap: { indices.swapAt($0, $1) }
}
