import ComplexModule
import TesseraCore

/// The scalar backend's sorting kernels, registered per dtype and kind like NumPy's
/// per-dtype `sort`/`argsort`/`partition` functions, so that a vector backend can
/// replace any of them.
///
/// - `quicksort`: introsort (median-of-three quicksort, heapsort past 2·log2(n) levels,
///   insertion sort for short runs); for bool, integers and floats from
///   ``radixFromCount`` elements on, the radix sort, which is a valid (stable) answer to
///   an unstable request and several times faster than comparisons in portable Swift.
/// - `stable`: LSD radix sort for bool, integers and floats; merge sort for complex.
/// - partitions: introselect; order statistics (`select`) through a sample for long lanes.
enum ScalarSortLoops {
    /// From this many elements the quicksort kind of radix-sortable dtypes radix-sorts.
    static let radixFromCount = 512

    static func register(into table: SortLoopTable) {
        add(Bool.self, table)
        add(Int8.self, table)
        add(UInt8.self, table)
        add(Int16.self, table)
        add(UInt16.self, table)
        add(Int32.self, table)
        add(UInt32.self, table)
        add(Int64.self, table)
        add(UInt64.self, table)
        add(Float16.self, table)
        add(Float.self, table)
        add(Double.self, table)
        addComparison(Complex<Float>.self, table)
        addComparison(Complex<Double>.self, table)
    }

    private static func add<T: RadixSortable>(_: T.Type, _ table: SortLoopTable) {
        table.register(SortLoop(
            dtype: T.dtype, kind: .quicksort, backend: "scalar", instructionSet: "baseline",
            sort: { values, count in
                if count >= radixFromCount {
                    radixSort(values.assumingMemoryBound(to: T.self), count)
                } else {
                    introsort(values.assumingMemoryBound(to: T.self), count)
                }
            },
            // Stable for every length: equal elements keep index order (``TieOrder``).
            argsort: { values, indices, count in
                if count >= radixFromCount {
                    argRadixSort(values.assumingMemoryBound(to: T.self), indices, count)
                } else {
                    argMergeSort(values.assumingMemoryBound(to: T.self), indices, count)
                }
            }
        ))
        table.register(SortLoop(
            dtype: T.dtype, kind: .stable, backend: "scalar", instructionSet: "baseline",
            sort: { radixSort($0.assumingMemoryBound(to: T.self), $1) },
            argsort: { argRadixSort($0.assumingMemoryBound(to: T.self), $1, $2) }
        ))
        addPartition(T.self, table)
    }

    private static func addComparison<T: SortableElement>(_: T.Type, _ table: SortLoopTable) {
        table.register(SortLoop(
            dtype: T.dtype, kind: .quicksort, backend: "scalar", instructionSet: "baseline",
            sort: { introsort($0.assumingMemoryBound(to: T.self), $1) },
            // Stable: equal elements keep index order (``TieOrder``).
            argsort: { argMergeSort($0.assumingMemoryBound(to: T.self), $1, $2) }
        ))
        table.register(SortLoop(
            dtype: T.dtype, kind: .stable, backend: "scalar", instructionSet: "baseline",
            sort: { mergeSort($0.assumingMemoryBound(to: T.self), $1) },
            argsort: { argMergeSort($0.assumingMemoryBound(to: T.self), $1, $2) }
        ))
        addPartition(T.self, table)
    }

    private static func addPartition<T: SortableElement>(_: T.Type, _ table: SortLoopTable) {
        table.register(PartitionLoop(
            dtype: T.dtype, backend: "scalar",
            partition: { partitionKernel($0.assumingMemoryBound(to: T.self), $1, $2) },
            argpartition: { argpartitionKernel($0.assumingMemoryBound(to: T.self), $1, $2, $3) },
            select: { selectKernel($0.assumingMemoryBound(to: T.self), $1, $2, $3, $4.assumingMemoryBound(to: T.self)) }
        ))
    }
}
