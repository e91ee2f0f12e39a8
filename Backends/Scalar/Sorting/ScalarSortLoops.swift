import ComplexModule
import TesseraCore

/// The scalar backend's sorting kernels, registered per dtype and kind like NumPy's
/// per-dtype `sort`/`argsort`/`partition` functions, so that a vector backend can
/// replace any of them.
///
/// - `quicksort`: introsort (median-of-three quicksort, heapsort past 2·log2(n) levels,
///   insertion sort for short runs).
/// - `stable`: LSD radix sort for bool, integers and floats; merge sort for complex.
/// - partitions: introselect.
enum ScalarSortLoops {
    static func register(into table: SortLoopTable) {
        add(Bool.self, radix: true, table)
        add(Int8.self, radix: true, table)
        add(UInt8.self, radix: true, table)
        add(Int16.self, radix: true, table)
        add(UInt16.self, radix: true, table)
        add(Int32.self, radix: true, table)
        add(UInt32.self, radix: true, table)
        add(Int64.self, radix: true, table)
        add(UInt64.self, radix: true, table)
        add(Float16.self, radix: true, table)
        add(Float.self, radix: true, table)
        add(Double.self, radix: true, table)
        addComparison(Complex<Float>.self, table)
        addComparison(Complex<Double>.self, table)
    }

    private static func add<T: RadixSortable>(_: T.Type, radix: Bool, _ table: SortLoopTable) {
        table.register(SortLoop(
            dtype: T.dtype, kind: .quicksort, backend: "scalar", instructionSet: "baseline",
            sort: { introsort($0.assumingMemoryBound(to: T.self), $1) },
            argsort: { argIntrosort($0.assumingMemoryBound(to: T.self), $1, $2) }
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
            argsort: { argIntrosort($0.assumingMemoryBound(to: T.self), $1, $2) }
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
            argpartition: { argpartitionKernel($0.assumingMemoryBound(to: T.self), $1, $2, $3) }
        ))
    }
}
