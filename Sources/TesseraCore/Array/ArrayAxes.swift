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

    /// Lengths of the first axes in lanes 0–3 and their byte strides in lanes 4–7; lanes
    /// of unused axes are 0 (every initialiser keeps them so, which comparing shapes lane
    /// by lane relies on). All 0 when spilled.
    ///
    /// One vector rather than eight integers: the optimiser copies a struct of at most six
    /// leaf fields field by field, and a larger one through its value witnesses (a call
    /// through the type's metadata per copy), which would make every copy of an array slower.
    var values: SIMD8<Int>
    /// The number of axes (also when they are spilled).
    var rank: Int

    /// No axes: a 0-d array.
    @inline(__always)
    init() {
        values = SIMD8()
        rank = 0
    }

    /// `rank` axes whose values live elsewhere (in a ``SpilledAxes``) when `rank > capacity`.
    @inline(__always)
    init(spilledRank rank: Int) {
        values = SIMD8()
        self.rank = rank
    }

    /// Up to ``capacity`` axes from lengths and strides slots whose unused entries are 0.
    @inline(__always)
    init(shape: (Int, Int, Int, Int), strides: (Int, Int, Int, Int), rank: Int) {
        values = SIMD8(shape.0, shape.1, shape.2, shape.3, strides.0, strides.1, strides.2, strides.3)
        self.rank = rank
    }

    /// Whether the values are in a ``SpilledAxes`` rather than here.
    @inline(__always)
    var isSpilled: Bool { rank > InlineAxes.capacity }

    /// The length slots (unused ones 0).
    @inline(__always)
    var shape: (Int, Int, Int, Int) { (values[0], values[1], values[2], values[3]) }

    /// The stride slots (unused ones 0).
    @inline(__always)
    var strides: (Int, Int, Int, Int) { (values[4], values[5], values[6], values[7]) }

    /// The length of `axis` (< `rank` ≤ `capacity`; the caller checks).
    @inline(__always)
    func length(_ axis: Int) -> Int { values[axis & 3] }

    /// The byte stride of `axis` (< `rank` ≤ `capacity`; the caller checks).
    @inline(__always)
    func stride(_ axis: Int) -> Int { values[4 | (axis & 3)] }

    /// The product of the lengths (1 for no axes); unused slots are 0, so only used ones count.
    @inline(__always)
    var size: Int {
        switch rank {
        case 0: 1
        case 1: values[0]
        case 2: values[0] &* values[1]
        case 3: values[0] &* values[1] &* values[2]
        default: values[0] &* values[1] &* values[2] &* values[3]
        }
    }

    /// Whether two inline shapes are equal (unused slots are 0 on both sides).
    @inline(__always)
    func sameShape(as other: InlineAxes) -> Bool {
        rank == other.rank && values.lowHalf == other.values.lowHalf
    }
}

/// The shape and strides of an array with more than ``InlineAxes/capacity`` axes: one
/// immutable object shared by copies of the array (a view with other axes gets a new one).
final class SpilledAxes: Sendable {
    let shape: [Int]
    let strides: [Int]

    init(shape: [Int], strides: [Int]) {
        self.shape = shape
        self.strides = strides
    }
}

extension NDArray {
    /// The length of `axis` (0 ≤ axis < ndim), without building ``shape``.
    ///
    /// The inline case reads only plain bytes: testing `spilledAxes` first would copy the
    /// optional reference (a retain and release, through Optional's value witnesses).
    @inline(__always)
    func axisLength(_ axis: Int) -> Int {
        if _slowPath(axes.isSpilled) { return spilledLength(axis) }
        precondition(axis >= 0 && axis < axes.rank, "NDArray: axis \(axis) out of range for \(axes.rank) axes")
        return axes.length(axis)
    }

    /// The byte stride of `axis` (0 ≤ axis < ndim), without building ``strides``.
    @inline(__always)
    func axisStride(_ axis: Int) -> Int {
        if _slowPath(axes.isSpilled) { return spilledStride(axis) }
        precondition(axis >= 0 && axis < axes.rank, "NDArray: axis \(axis) out of range for \(axes.rank) axes")
        return axes.stride(axis)
    }

    @inline(never)
    private func spilledLength(_ axis: Int) -> Int { spilledAxes!.shape[axis] }

    @inline(never)
    private func spilledStride(_ axis: Int) -> Int { spilledAxes!.strides[axis] }

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
            if _slowPath(axes.isSpilled) { return AxisList(spilledAxes!.shape) }
            return AxisList(inlineSlots: axes.shape, count: axes.rank)
        }
        set { setAxes(shape: newValue, strides: strideList) }
    }

    /// ``strides`` as an ``AxisList`` (no allocation: inline, or the spilled array shared).
    var strideList: AxisList {
        @inline(__always) get {
            if _slowPath(axes.isSpilled) { return AxisList(spilledAxes!.strides) }
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
            axes = InlineAxes(shape: slots, strides: strideSlots, rank: shape.count)
            spilledAxes = nil
        } else {
            axes = InlineAxes(spilledRank: shape.count)
            spilledAxes = SpilledAxes(shape: shape.array, strides: strides.array)
        }
    }
}
