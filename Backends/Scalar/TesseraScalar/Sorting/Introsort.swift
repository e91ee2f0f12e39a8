import TesseraCore

// NumPy's `quicksort` kind: a median-of-three quicksort that falls back to heapsort when
// its recursion gets deeper than 2·log2(n) (so O(n log n) in the worst case) and finishes
// short runs with insertion sort. Unstable.

/// Runs shorter than this are finished by insertion sort.
private let smallRun = 16

/// Sorts `count` elements in place in NumPy's order.
@inline(__always)
func introsort<T: SortableElement>(_ base: UnsafeMutablePointer<T>, _ count: Int) {
    introsort(count) { base[$0] } swap: { base.swapAt($0, $1) }
}

/// One partition step of quicksort and quickselect (NumPy's): orders `low`, the middle
/// and `high` (median of three), partitions `low...high` around the middle value and
/// returns the pivot's final position. Needs `high - low` of at least 3.
@inline(__always)
func medianOfThreePartition<T: SortableElement>(_ low: Int, _ high: Int, element: (Int) -> T, swap: (Int, Int) -> Void) -> Int {
    let mid = low + (high - low) >> 1
    if T.sortsBefore(element(mid), element(low)) { swap(mid, low) }
    if T.sortsBefore(element(high), element(mid)) { swap(high, mid) }
    if T.sortsBefore(element(mid), element(low)) { swap(mid, low) }
    let pivot = element(mid)
    var i = low, j = high - 1
    swap(mid, j)
    while true {
        repeat { i += 1 } while T.sortsBefore(element(i), pivot)
        repeat { j -= 1 } while T.sortsBefore(pivot, element(j))
        if i >= j { break }
        swap(i, j)
    }
    swap(i, high - 1)
    return i
}

/// The algorithm over positions `0..<count`: `element(i)` reads position `i`, `swap`
/// exchanges two positions.
@inline(__always)
func introsort<T: SortableElement>(_ count: Int, element: (Int) -> T, swap: (Int, Int) -> Void) {
    guard count > 1 else { return }
    var stack: [(Int, Int, Int)] = []
    var low = 0, high = count - 1
    var depth = 2 * (Int.bitWidth - count.leadingZeroBitCount)
    while true {
        while high - low > smallRun {
            if depth == 0 {
                heapsort(low, high, element: element, swap: swap)
                break
            }
            depth -= 1
            let i = medianOfThreePartition(low, high, element: element, swap: swap)
            // Continue with the smaller side; remember the larger.
            if i - low < high - i {
                stack.append((i + 1, high, depth))
                high = i - 1
            } else {
                stack.append((low, i - 1, depth))
                low = i + 1
            }
        }
        insertionSort(low, high, element: element, swap: swap)
        guard let next = stack.popLast() else { return }
        (low, high, depth) = next
    }
}

/// Stable insertion sort of positions `low...high`.
@inline(__always)
func insertionSort<T: SortableElement>(_ low: Int, _ high: Int, element: (Int) -> T, swap: (Int, Int) -> Void) {
    guard high > low else { return }
    for i in (low + 1)...high {
        var j = i
        let value = element(i)
        while j > low && T.sortsBefore(value, element(j - 1)) {
            swap(j, j - 1)
            j -= 1
        }
    }
}

@inline(__always)
func heapsort<T: SortableElement>(_ low: Int, _ high: Int, element: (Int) -> T, swap: (Int, Int) -> Void) {
    let n = high - low + 1
    func siftDown(_ start: Int, _ end: Int) {
        var root = start
        while 2 * root + 1 < end {
            var child = 2 * root + 1
            if child + 1 < end && T.sortsBefore(element(low + child), element(low + child + 1)) { child += 1 }
            if T.sortsBefore(element(low + root), element(low + child)) {
                swap(low + root, low + child)
                root = child
            } else {
                return
            }
        }
    }
    var start = n / 2 - 1
    while start >= 0 { siftDown(start, n); start -= 1 }
    var end = n - 1
    while end > 0 {
        swap(low, low + end)
        siftDown(0, end)
        end -= 1
    }
}

extension UnsafeMutablePointer {
    /// Exchanges the elements at two offsets.
    @inline(__always)
    func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}
