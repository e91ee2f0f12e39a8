/// An n-dimensional array of one ``DType`` — NumPy's `ndarray` as a Swift value type.
///
/// `NDArray` has value semantics with copy-on-write storage: views (slices, transposes,
/// reshapes) share memory until one side is mutated, and then the mutated side gets its
/// own copy. Unlike NumPy, writing to a view therefore never changes its base.
///
/// Layout follows NumPy exactly: ``shape``, byte ``strides`` (which may be negative or
/// zero) and a byte offset into the storage, so that any NumPy view can be expressed.
public struct NDArray: @unchecked Sendable {
    var storage: ArrayStorage
    /// Shape and strides for up to four axes, and the rank: plain bytes, so that copying
    /// an array retains only `storage` (and `spilledAxes` when there is one). NDArray keeps
    /// to six leaf fields so that the optimiser copies it field by field (see InlineAxes.values).
    var axes: InlineAxes
    /// The element type.
    public internal(set) var dtype: DType
    /// Shape and strides when there are more axes than ``InlineAxes/capacity``, else nil.
    var spilledAxes: SpilledAxes?
    /// Byte offset of element `[0, 0, …]` from the start of the storage.
    var offset: Int

    /// The length of each axis.
    public var shape: [Int] {
        if axes.isSpilled { return spilledAxes!.shape }
        return [Int](unsafeUninitializedCapacity: axes.rank) { buffer, initialized in
            for axis in 0..<axes.rank { buffer[axis] = axes.length(axis) }
            initialized = axes.rank
        }
    }

    /// The distance in bytes between consecutive elements along each axis, as in NumPy.
    public var strides: [Int] {
        if axes.isSpilled { return spilledAxes!.strides }
        return [Int](unsafeUninitializedCapacity: axes.rank) { buffer, initialized in
            for axis in 0..<axes.rank { buffer[axis] = axes.stride(axis) }
            initialized = axes.rank
        }
    }

    /// Wraps existing storage. Callers guarantee the view stays inside the storage.
    @inline(__always)
    init(storage: ArrayStorage, dtype: DType, shapeList: AxisList, strideList: AxisList, offset: Int) {
        self.storage = storage
        self.dtype = dtype
        self.offset = offset
        self.axes = InlineAxes()
        self.spilledAxes = nil
        setAxes(shape: shapeList, strides: strideList)
    }

    /// Wraps existing storage with the axes of an existing array (or its result).
    @inline(__always)
    init(storage: ArrayStorage, dtype: DType, axes: InlineAxes, spilledAxes: SpilledAxes?, offset: Int) {
        self.storage = storage
        self.dtype = dtype
        self.axes = axes
        self.spilledAxes = spilledAxes
        self.offset = offset
    }

    /// Wraps existing storage. Callers guarantee the view stays inside the storage.
    init(storage: ArrayStorage, dtype: DType, shape: [Int], strides: [Int], offset: Int) {
        self.init(storage: storage, dtype: dtype, shapeList: AxisList(shape), strideList: AxisList(strides), offset: offset)
    }

    /// A new C-contiguous array of zeros (the memory is zero-filled despite the name).
    /// Programmer errors (negative sizes, a byte count that overflows `Int`) stop the
    /// program; for shapes that come from input data use the throwing
    /// ``init(checkedShape:dtype:zeroed:)`` or ``zeros(checkedShape:dtype:)``.
    init(uninitializedShape shape: [Int], dtype: DType) {
        self.init(uninitializedShape: AxisList(shape), dtype: dtype)
    }

    /// ``init(uninitializedShape:dtype:)`` for a shape the library already holds.
    init(uninitializedShape shape: AxisList, dtype: DType) {
        let byteCount: Int
        do {
            byteCount = try NDArray.checkedByteCount(shape: shape, dtype: dtype)
        } catch {
            fatalError("NDArray: \(error)")
        }
        self.init(
            storage: ArrayStorage.make(byteCount: byteCount),
            dtype: dtype,
            shapeList: shape,
            strideList: NDArray.contiguousStrides(shape: shape, itemSize: dtype.itemSize),
            offset: 0
        )
    }

    /// A new array of zeros, throwing when the shape is negative or too large. With
    /// `zeroed: false` the contents are unspecified: only for outputs a loop writes entirely.
    init(checkedShape shape: [Int], dtype: DType, zeroed: Bool = true) throws {
        try self.init(checkedShape: AxisList(shape), dtype: dtype, zeroed: zeroed)
    }

    /// ``init(checkedShape:dtype:zeroed:)`` for a shape the library already holds.
    init(checkedShape shape: AxisList, dtype: DType, zeroed: Bool = true) throws {
        let byteCount = try NDArray.checkedByteCount(shape: shape, dtype: dtype)
        self.init(
            storage: ArrayStorage.make(byteCount: byteCount, zeroed: zeroed),
            dtype: dtype,
            shapeList: shape,
            strideList: NDArray.contiguousStrides(shape: shape, itemSize: dtype.itemSize),
            offset: 0
        )
    }

    /// The number of axes (`ndim`).
    @inline(__always) public var ndim: Int { axes.rank }

    /// The number of elements (`size`): the product of ``shape``, 1 for a 0-d array.
    @inline(__always) public var size: Int {
        if _slowPath(axes.isSpilled) { return spilledAxes!.shape.reduce(1, *) }
        return axes.size
    }

    /// Bytes of element data the array spans logically (`nbytes`).
    public var nbytes: Int { size * dtype.itemSize }

    /// Size of one element in bytes.
    public var itemSize: Int { dtype.itemSize }

    /// Whether the elements are laid out in C (row-major) order without gaps.
    public var isCContiguous: Bool {
        // The common 1-D case without the general walk (a call checks every operand).
        if axes.rank == 1 { return axes.values[0] <= 1 || axes.values[4] == dtype.itemSize }
        return isContiguous(fortran: false)
    }

    /// Whether the elements are laid out in Fortran (column-major) order without gaps.
    public var isFContiguous: Bool { isContiguous(fortran: true) }

    /// Whether the elements are laid out in C (or Fortran) order without gaps, read
    /// axis by axis without building ``shape`` or ``strides``.
    func isContiguous(fortran: Bool) -> Bool {
        let rank = ndim
        for axis in 0..<rank where axisLength(axis) == 0 { return true }
        var expected = dtype.itemSize
        for position in 0..<rank {
            let axis = fortran ? position : rank - 1 - position
            let length = axisLength(axis)
            if length == 1 { continue }
            if axisStride(axis) != expected { return false }
            expected *= length
        }
        return true
    }

    /// C-order strides in bytes for a shape.
    public static func contiguousStrides(shape: [Int], itemSize: Int, fortran: Bool = false) -> [Int] {
        contiguousStrides(shape: AxisList(shape), itemSize: itemSize, fortran: fortran).array
    }

    /// ``contiguousStrides(shape:itemSize:fortran:)`` without a heap allocation for the common ranks.
    static func contiguousStrides(shape: AxisList, itemSize: Int, fortran: Bool = false) -> AxisList {
        var strides = AxisList(repeating: 0, count: shape.count)
        var step = itemSize
        for position in shape.indices {
            let axis = fortran ? position : shape.count - 1 - position
            strides[axis] = step
            step *= Swift.max(shape[axis], 1)
        }
        return strides
    }

    /// The byte count of a C-contiguous array of `shape`, or a thrown error when an axis
    /// is negative, the size overflows `Int`, or it exceeds what this process could allocate.
    ///
    /// As in NumPy, the non-zero axes of an empty array must fit too: their strides are
    /// computed from them (`zeros([0, Int.max, 2])` is too big, not empty).
    public static func checkedByteCount(shape: [Int], dtype: DType) throws -> Int {
        try checkedByteCount(shape: AxisList(shape), dtype: dtype)
    }

    /// ``checkedByteCount(shape:dtype:)`` for a shape the library already holds.
    static func checkedByteCount(shape: AxisList, dtype: DType) throws -> Int {
        var count = 1
        var isEmpty = false
        for length in shape {
            guard length >= 0 else {
                throw TesseraError(.shapeMismatch, "negative dimensions are not allowed: shape \(shape)")
            }
            if length == 0 {
                isEmpty = true
                continue
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: length)
            guard !overflow else {
                throw TesseraError(.resourceLimit, "array of shape \(shape) has more elements than Int can count")
            }
            count = product
        }
        var (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.itemSize)
        if isEmpty && !overflow { bytes = 0 }
        guard !overflow, bytes <= NDArray.maximumByteCount else {
            throw TesseraError(
                .resourceLimit,
                "array of shape \(shape) and dtype \(dtype) needs \(overflow ? "more than Int.max" : "\(bytes)") bytes, more than the limit of \(NDArray.maximumByteCount) bytes"
            )
        }
        return bytes
    }

    /// The largest single allocation Tessera attempts: physical memory, so that a bogus
    /// shape from a file fails with an error rather than the kernel's OOM killer.
    public static let maximumByteCount: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        if pages > 0, pageSize > 0 {
            let (bytes, overflow) = pages.multipliedReportingOverflow(by: pageSize)
            if !overflow { return bytes }
        }
        return 1 << 40
    }()

    /// Pointer to the element `[0, 0, …]`. Valid while `self` is alive and not mutated.
    var baseAddress: UnsafeMutableRawPointer { storage.pointer + offset }

    /// Ensures this array's storage is not shared, copying it if it is (copy-on-write),
    /// and returns the base address for writing.
    mutating func makeUniqueForWriting() -> UnsafeMutableRawPointer {
        if !isKnownUniquelyReferenced(&storage) {
            self = self.copy()
        }
        return baseAddress
    }

    /// Whether two arrays use the same storage (views of each other or copies not yet written).
    public func sharesMemory(with other: NDArray) -> Bool { storage === other.storage }

    /// The byte range of storage this view can touch, for overlap checks.
    var byteExtent: Range<Int> {
        if size == 0 { return offset..<offset }
        var low = offset, high = offset
        for (length, stride) in zip(shapeList, strideList) {
            let span = (length - 1) * stride
            if span < 0 { low += span } else { high += span }
        }
        return low..<(high + dtype.itemSize)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
