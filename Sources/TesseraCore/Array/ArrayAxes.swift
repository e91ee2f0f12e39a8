/// An array's shape and byte strides as ``NDArray`` stores them: inline, with no reference,
/// for up to ``capacity`` axes, so that a new array or view of the common ranks allocates
/// nothing for them and copying an array copies bytes and retains only its storage (NumPy
/// likewise keeps `dimensions` and `strides` with the array object).
///
/// For more axes the values live in one ``SpilledAxes`` object beside it (NDArray's
/// `spilledAxes`); `rank` is kept here for every rank, so `ndim` never looks there.
struct InlineAxes {
    /// Axes held inline.
    static let capacity = 4

    /// Lengths of the first axes; slots from `rank` on are 0 (every initialiser keeps them
    /// so, which comparing shapes slot by slot relies on). All 0 when spilled.
    var shape: (Int, Int, Int, Int)
    /// Byte strides of the first axes; slots from `rank` on are 0. All 0 when spilled.
    var strides: (Int, Int, Int, Int)
    /// The number of axes (also when they are spilled).
    var rank: Int

    /// No axes: a 0-d array.
    @inline(__always)
    init() {
        shape = (0, 0, 0, 0)
        strides = (0, 0, 0, 0)
        rank = 0
    }

    /// `rank` axes whose values live elsewhere (in a ``SpilledAxes``) when `rank > capacity`.
    @inline(__always)
    init(spilledRank rank: Int) {
        self.init()
        self.rank = rank
    }

    /// Whether the values are in a ``SpilledAxes`` rather than here.
    @inline(__always)
    var isSpilled: Bool { rank > InlineAxes.capacity }

    /// The length of `axis` (< `rank` ≤ `capacity`; the caller checks).
    @inline(__always)
    func length(_ axis: Int) -> Int {
        withUnsafeBytes(of: shape) { $0.load(fromByteOffset: axis &* MemoryLayout<Int>.stride, as: Int.self) }
    }

    /// The byte stride of `axis` (< `rank` ≤ `capacity`; the caller checks).
    @inline(__always)
    func stride(_ axis: Int) -> Int {
        withUnsafeBytes(of: strides) { $0.load(fromByteOffset: axis &* MemoryLayout<Int>.stride, as: Int.self) }
    }

    @inline(__always)
    mutating func setLength(_ value: Int, _ axis: Int) {
        withUnsafeMutableBytes(of: &shape) { $0.storeBytes(of: value, toByteOffset: axis &* MemoryLayout<Int>.stride, as: Int.self) }
    }

    @inline(__always)
    mutating func setStride(_ value: Int, _ axis: Int) {
        withUnsafeMutableBytes(of: &strides) { $0.storeBytes(of: value, toByteOffset: axis &* MemoryLayout<Int>.stride, as: Int.self) }
    }

    /// The product of the lengths (1 for no axes); unused slots are 0, so only used ones count.
    @inline(__always)
    var size: Int {
        switch rank {
        case 0: 1
        case 1: shape.0
        case 2: shape.0 &* shape.1
        case 3: shape.0 &* shape.1 &* shape.2
        default: shape.0 &* shape.1 &* shape.2 &* shape.3
        }
    }

    /// Whether two inline shapes are equal (unused slots are 0 on both sides).
    @inline(__always)
    func sameShape(as other: InlineAxes) -> Bool {
        rank == other.rank && shape.0 == other.shape.0 && shape.1 == other.shape.1
            && shape.2 == other.shape.2 && shape.3 == other.shape.3
    }
}

/// The shape and strides of an array with more than ``InlineAxes/capacity`` axes: one
/// immutable object shared by copies of the array (a view with other axes gets a new one).
final class SpilledAxes: @unchecked Sendable {
    let shape: [Int]
    let strides: [Int]

    init(shape: [Int], strides: [Int]) {
        self.shape = shape
        self.strides = strides
    }
}

extension NDArray {
    /// The length of `axis` (0 ≤ axis < ndim), without building ``shape``.
    @inline(__always)
    func axisLength(_ axis: Int) -> Int {
        if let spilledAxes { return spilledAxes.shape[axis] }
        precondition(axis >= 0 && axis < axes.rank, "NDArray: axis \(axis) out of range for \(axes.rank) axes")
        return axes.length(axis)
    }

    /// The byte stride of `axis` (0 ≤ axis < ndim), without building ``strides``.
    @inline(__always)
    func axisStride(_ axis: Int) -> Int {
        if let spilledAxes { return spilledAxes.strides[axis] }
        precondition(axis >= 0 && axis < axes.rank, "NDArray: axis \(axis) out of range for \(axes.rank) axes")
        return axes.stride(axis)
    }

    /// Whether the two arrays have the same shape, without building either.
    @inline(__always)
    func hasSameShape(as other: NDArray) -> Bool {
        if axes.rank != other.axes.rank { return false }
        if !axes.isSpilled { return axes.sameShape(as: other.axes) }
        return spilledAxes!.shape == other.spilledAxes!.shape
    }

    /// ``shape`` as an ``AxisList`` (no allocation: inline, or the spilled array shared).
    var shapeList: AxisList {
        @inline(__always) get {
            if let spilledAxes { return AxisList(spilledAxes.shape) }
            return AxisList(inlineSlots: axes.shape, count: axes.rank)
        }
        set { setAxes(shape: newValue, strides: strideList) }
    }

    /// ``strides`` as an ``AxisList`` (no allocation: inline, or the spilled array shared).
    var strideList: AxisList {
        @inline(__always) get {
            if let spilledAxes { return AxisList(spilledAxes.strides) }
            return AxisList(inlineSlots: axes.strides, count: axes.rank)
        }
        set { setAxes(shape: shapeList, strides: newValue) }
    }

    /// Stores a shape and strides of the same rank: inline up to ``InlineAxes/capacity``
    /// axes, else in a new ``SpilledAxes``.
    @inline(__always)
    mutating func setAxes(shape: AxisList, strides: AxisList) {
        precondition(shape.count == strides.count, "NDArray: \(shape.count) axis lengths but \(strides.count) strides")
        if let slots = shape.inlineSlots, let strideSlots = strides.inlineSlots {
            axes.shape = slots
            axes.strides = strideSlots
            axes.rank = shape.count
            spilledAxes = nil
        } else {
            axes = InlineAxes(spilledRank: shape.count)
            spilledAxes = SpilledAxes(shape: shape.array, strides: strides.array)
        }
    }
}
