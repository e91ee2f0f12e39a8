/// One dtype's sorting kernels from one backend — NumPy's per-dtype `sort`, `argsort`,
/// `partition` and `argpartition` functions (`PyArray_ArrFuncs.sort[kind]`).
///
/// Every kernel works on one contiguous run of `count` elements; the array functions
/// (``NDArray/sorted(axis:kind:)`` and the rest) copy each lane of a strided or
/// transposed axis into such a run first.
public struct SortLoop: Sendable {
    /// Sorts `count` elements at `values` in place, in NumPy's order (``SortableElement``).
    public typealias Sort = @Sendable (_ values: UnsafeMutableRawPointer, _ count: Int) -> Void
    /// Permutes `indices` (which hold `0..<count` on entry) so that `values[indices[i]]`
    /// is sorted, equal elements in ascending index order (``TieOrder``: every backend's
    /// kernel gives the same indices); `values` is not changed.
    public typealias Argsort = @Sendable (_ values: UnsafeRawPointer, _ indices: UnsafeMutablePointer<Int64>, _ count: Int) -> Void
    /// Rearranges `count` elements in place so that each position of `kth` (sorted,
    /// distinct, in `0..<count`) holds the element a full sort would put there, smaller
    /// elements before it and larger ones after (NumPy's introselect contract).
    public typealias Partition = @Sendable (_ values: UnsafeMutableRawPointer, _ count: Int, _ kth: [Int]) -> Void
    /// ``Partition`` applied to `indices` (holding `0..<count` on entry) through `values`.
    public typealias Argpartition = @Sendable (_ values: UnsafeRawPointer, _ indices: UnsafeMutablePointer<Int64>, _ count: Int, _ kth: [Int]) -> Void
    /// Writes the elements a ``Partition`` would leave at each position of `kth` (sorted,
    /// distinct, in `0..<count`) to `out[0..<kth.count]`, for the lane `values[0]`,
    /// `values[stride]`, … (`stride` in elements, possibly negative), without writing to
    /// the lane: the order statistics `median` and `quantile` read.
    public typealias Select = @Sendable (_ values: UnsafeRawPointer, _ count: Int, _ stride: Int, _ kth: [Int], _ out: UnsafeMutableRawPointer) -> Void

    public let dtype: DType
    public let kind: SortKind
    public let sort: Sort
    public let argsort: Argsort
    /// The backend that provides the kernels (`scalar`, `simd`).
    public let backend: String
    /// The instruction set the kernels were chosen for (`baseline`, `avx2`, `avx512`).
    public let instructionSet: String

    public init(dtype: DType, kind: SortKind, backend: String, instructionSet: String, sort: @escaping Sort, argsort: @escaping Argsort) {
        self.dtype = dtype
        self.kind = kind
        self.backend = backend
        self.instructionSet = instructionSet
        self.sort = sort
        self.argsort = argsort
    }
}

/// One dtype's selection kernels (introselect) from one backend.
public struct PartitionLoop: Sendable {
    public let dtype: DType
    public let partition: SortLoop.Partition
    public let argpartition: SortLoop.Argpartition
    /// Order statistics without a partition; nil: `median` and `quantile` partition a copy.
    public let select: SortLoop.Select?
    public let backend: String

    public init(dtype: DType, backend: String, partition: @escaping SortLoop.Partition, argpartition: @escaping SortLoop.Argpartition, select: SortLoop.Select? = nil) {
        self.dtype = dtype
        self.backend = backend
        self.partition = partition
        self.argpartition = argpartition
        self.select = select
    }
}

/// The sorting kernels of one backend configuration, by dtype and kind: the sorting
/// counterpart of the ufunc loop tables. The scalar backend registers a kernel for every
/// dtype and kind; a vector backend replaces the ones it accelerates, and every spelling
/// (`sorted`, `sort`, `argsort`, `unique`, `median`, …) then runs the replacement.
public final class SortLoopTable: Sendable {
    private struct Key: Hashable { let dtype: DType; let kind: SortKind }
    private let sorts = Locked<[Key: [SortLoop]]>([:])
    private let partitions = Locked<[DType: [PartitionLoop]]>([:])

    public init() {}

    /// Adds the kernels for `loop.dtype` and `loop.kind`, or replaces the current ones
    /// (the previous kernels are kept and come back with ``restore(dtype:kind:)``).
    public func register(_ loop: SortLoop) {
        sorts.withLock { $0[Key(dtype: loop.dtype, kind: loop.kind), default: []].append(loop) }
    }

    /// Adds or replaces the selection kernels of `loop.dtype`.
    public func register(_ loop: PartitionLoop) {
        partitions.withLock { $0[loop.dtype, default: []].append(loop) }
    }

    /// Removes the newest kernels of a dtype and kind, putting back the ones they replaced.
    /// - Throws: `.noLoop` when there is nothing to remove but the first registration.
    @discardableResult
    public func restore(dtype: DType, kind: SortKind) throws -> SortLoop {
        try sorts.withLock { table in
            let key = Key(dtype: dtype, kind: kind)
            guard var stack = table[key], stack.count > 1 else {
                throw TesseraError(.noLoop, "no replaced sort kernel for \(dtype) (\(kind.rawValue)) to restore")
            }
            let removed = stack.removeLast()
            table[key] = stack
            return removed
        }
    }

    /// The active kernels for a dtype and kind, if any backend registered them.
    public func loop(dtype: DType, kind: SortKind) -> SortLoop? {
        sorts.withLock { $0[Key(dtype: dtype, kind: kind)]?.last }
    }

    /// The active selection kernels for a dtype.
    public func partitionLoop(dtype: DType) -> PartitionLoop? {
        partitions.withLock { $0[dtype]?.last }
    }

    /// Every active sort kernel, for the runtime report.
    public var loops: [SortLoop] {
        sorts.withLock { table in
            table.values.compactMap(\.last).sorted { ($0.dtype.order, $0.kind.rawValue) < ($1.dtype.order, $1.kind.rawValue) }
        }
    }

    func sortLoopOrStop(_ dtype: DType, _ kind: SortKind, _ function: String) -> SortLoop {
        guard let loop = loop(dtype: dtype, kind: kind) else {
            fatalError("\(function): no sort kernel for \(dtype) (\(kind.rawValue)) is registered; install the scalar backend (import Tessera or TesseraScalar)")
        }
        return loop
    }

    func sortLoop(_ dtype: DType, _ kind: SortKind, _ function: String) throws -> SortLoop {
        guard let loop = loop(dtype: dtype, kind: kind) else {
            throw TesseraError(.noLoop, "\(function): no sort kernel for \(dtype) (\(kind.rawValue)) is registered; install the scalar backend (import Tessera or TesseraScalar)")
        }
        return loop
    }

    func partitionLoop(_ dtype: DType, _ function: String) throws -> PartitionLoop {
        guard let loop = partitionLoop(dtype: dtype) else {
            throw TesseraError(.noLoop, "\(function): no partition kernel for \(dtype) is registered; install the scalar backend (import Tessera or TesseraScalar)")
        }
        return loop
    }
}
