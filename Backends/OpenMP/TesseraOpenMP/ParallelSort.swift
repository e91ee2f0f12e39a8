internal import _TesseraOpenMPShim
import TesseraCore

/// Parallel `sort`: the lane is cut into one contiguous run per thread, each run is sorted
/// by the kernel this backend wraps (the scalar or vector backend's), and the runs are
/// merged in rounds, each merge split across the threads at co-ranks (the output positions
/// where a merge path crosses). The merges of the integer and float dtypes run in C
/// (`Merge.c`), the others in Swift. Merges take from the earlier run on ties, so a stable
/// kernel gives exactly the sequential stable result (the same values in the same order);
/// an unstable kernel gives a valid unstable result. Lanes shorter than
/// ``Threading/minimumSortSplitCount`` run the wrapped kernel, and so does every lane whose
/// `quicksort` kernel is the SIMD backend's (measured faster unsplit, see `wrap`).
///
/// `argsort` keeps the wrapped kernel: merging indices compares the values they point to,
/// a cache miss per comparison on long lanes, which cost more than the second thread
/// saved (1 M int64: 236 ms against 44 ms on one thread, measured on the shared machine).
enum ParallelSort {
    /// Wraps every registered real sort kernel of `table`.
    static func install(into table: SortLoopTable, executor: any ParallelExecutor) {
        wrap(Bool.self, .bool, table, executor)
        wrap(Int8.self, .int8, table, executor)
        wrap(UInt8.self, .uint8, table, executor)
        wrap(Int16.self, .int16, table, executor)
        wrap(UInt16.self, .uint16, table, executor)
        wrap(Int32.self, .int32, table, executor)
        wrap(UInt32.self, .uint32, table, executor)
        wrap(Int64.self, .int64, table, executor)
        wrap(UInt64.self, .uint64, table, executor)
        wrap(Float16.self, .float16, table, executor)
        wrap(Float.self, .float32, table, executor)
        wrap(Double.self, .float64, table, executor)
    }

    private static func wrap<T: SortableElement>(_: T.Type, _ dtype: DType, _ table: SortLoopTable, _ executor: any ParallelExecutor) {
        for kind in SortKind.allCases {
            guard let inner = table.loop(dtype: dtype, kind: kind), inner.backend != "openmp" else { continue }
            // The vector quicksort is fast enough that two halves plus a merge lose to it
            // on one thread (10⁶ float64, `all` against `simd`: 13.8 against 11.0 ms with
            // the Swift merge on the quiet machine; 25.1 against 12.1 ms, and 315 against
            // 148 ms for 10⁷, with the C merge on the shared machine): it stays unsplit.
            if inner.backend == "simd" && kind == .quicksort { continue }
            table.register(SortLoop(
                dtype: dtype, kind: kind, backend: "openmp", instructionSet: inner.instructionSet,
                sort: { values, count in
                    let runs = runCount(count, executor)
                    guard runs > 1 else { return inner.sort(values, count) }
                    sort(values.assumingMemoryBound(to: T.self), count, runs: runs, inner: inner, mergeCode: mergeCode(dtype), executor)
                },
                argsort: inner.argsort
            ))
        }
    }

    /// One run per thread for long lanes, a power of two (pairwise merge rounds); 1 otherwise.
    static func runCount(_ count: Int, _ executor: any ParallelExecutor) -> Int {
        let threads = executor.threadCount
        guard threads > 1, count >= Threading.minimumSortSplitCount else { return 1 }
        var runs = 1
        while runs * 2 <= threads { runs *= 2 }
        return runs
    }

    /// Where run `r` of `runs` starts.
    static func runStart(_ r: Int, _ count: Int, _ runs: Int) -> Int { r * (count / runs) + Swift.min(r, count % runs) }

    /// NumPy's type character of `dtype` when `Merge.c` has its merge.
    static func mergeCode(_ dtype: DType) -> CChar? {
        let code: UInt8? = switch dtype {
        case .int8: UInt8(ascii: "b")
        case .uint8: UInt8(ascii: "B")
        case .int16: UInt8(ascii: "h")
        case .uint16: UInt8(ascii: "H")
        case .int32: UInt8(ascii: "i")
        case .uint32: UInt8(ascii: "I")
        case .int64: UInt8(ascii: "l")
        case .uint64: UInt8(ascii: "L")
        case .float32: UInt8(ascii: "f")
        case .float64: UInt8(ascii: "d")
        default: nil
        }
        return code.map { CChar(bitPattern: $0) }
    }

    static func sort<T: SortableElement>(_ values: UnsafeMutablePointer<T>, _ count: Int, runs: Int, inner: SortLoop, mergeCode: CChar? = nil, _ executor: any ParallelExecutor) {
        executor.parallelFor(runs) { r in
            let start = runStart(r, count, runs)
            inner.sort(UnsafeMutableRawPointer(values + start), runStart(r + 1, count, runs) - start)
        }
        let spare = UnsafeMutablePointer<T>.allocate(capacity: count)
        defer { spare.deallocate() }
        mergeRounds(values, spare, count, runs: runs, mergeCode: mergeCode, executor) { a, b in T.sortsBefore(a, b) }
    }

    /// Merges `runs` sorted runs of `data` pairwise until one is left, in `data`.
    /// `mergeCode`: the element type's code for `tessera_omp_merge` (whose order must be `less`).
    static func mergeRounds<E>(_ data: UnsafeMutablePointer<E>, _ spare: UnsafeMutablePointer<E>, _ count: Int, runs: Int, mergeCode: CChar? = nil, _ executor: any ParallelExecutor, _ less: (E, E) -> Bool) {
        var source = data, target = spare
        var width = 1
        let parts = executor.threadCount
        while width < runs {
            let pairs = runs / (2 * width)
            let from = source, to = target
            executor.parallelFor(pairs * parts) { task in
                let pair = task / parts, part = task % parts
                let low = runStart(2 * pair * width, count, runs)
                let mid = runStart((2 * pair + 1) * width, count, runs)
                let high = runStart((2 * pair + 2) * width, count, runs)
                let total = high - low
                let k0 = total * part / parts, k1 = total * (part + 1) / parts
                let a = from + low, b = from + mid
                let m = mid - low, n = high - mid
                let i0 = coRank(k0, a, m, b, n, less), i1 = coRank(k1, a, m, b, n, less)
                let (aStart, aCount, bStart, bCount) = (a + i0, i1 - i0, b + (k0 - i0), (k1 - i1) - (k0 - i0))
                if let mergeCode, tessera_omp_merge(mergeCode, aStart, aCount, bStart, bCount, to + low + k0) == 0 { return }
                merge(aStart, aCount, bStart, bCount, to + low + k0, less)
            }
            swap(&source, &target)
            width *= 2
        }
        if source != data { data.update(from: source, count: count) }
    }

    /// How many of the first `k` merged elements come from `a` (elements of `a` go first on ties).
    static func coRank<E>(_ k: Int, _ a: UnsafePointer<E>, _ m: Int, _ b: UnsafePointer<E>, _ n: Int, _ less: (E, E) -> Bool) -> Int {
        var low = Swift.max(0, k - n), high = Swift.min(k, m)
        while low < high {
            let i = (low + high) / 2, j = k - i
            // a[i] not after b[j - 1]: it belongs among the first k, so take more of a.
            if j > 0 && !less(b[j - 1], a[i]) {
                low = i + 1
            } else {
                high = i
            }
        }
        return low
    }

    /// Stable merge of `a[0..<m]` and `b[0..<n]` into `out`.
    @inline(__always)
    static func merge<E>(_ a: UnsafePointer<E>, _ m: Int, _ b: UnsafePointer<E>, _ n: Int, _ out: UnsafeMutablePointer<E>, _ less: (E, E) -> Bool) {
        var i = 0, j = 0, k = 0
        while i < m && j < n {
            let x = a[i], y = b[j]
            let takeB = less(y, x)
            out[k] = takeB ? y : x
            j += takeB ? 1 : 0
            i += takeB ? 0 : 1
            k += 1
        }
        if i < m { (out + k).update(from: a + i, count: m - i) }
        if j < n { (out + k).update(from: b + j, count: n - j) }
    }
}
