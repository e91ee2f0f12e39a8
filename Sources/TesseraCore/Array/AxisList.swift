/// One integer per axis — an array's shape or its byte strides — held inline for up to
/// ``inlineCapacity`` axes, so that making an array or a view of the common ranks
/// allocates nothing for them and copying one retains nothing (NumPy likewise keeps
/// `dimensions` and `strides` with the array object). Higher ranks keep their values in
/// a Swift array.
///
/// The public ``NDArray/shape`` and ``NDArray/strides`` are `[Int]` built from these on
/// request; the library's own hot paths read the lists directly.
struct AxisList: RandomAccessCollection, MutableCollection, Hashable, CustomStringConvertible {
    /// Axes held without a heap allocation.
    static let inlineCapacity = 4

    /// The values of the first axes when `count <= inlineCapacity`; unused slots are 0
    /// (every initialiser and `remove(at:)` keep them so, which `==` relies on).
    private var inline: (Int, Int, Int, Int)
    /// All values when `count > inlineCapacity`, else nil.
    private var spill: [Int]?
    /// The number of axes.
    private(set) var count: Int

    /// No axes (the shape and strides of a 0-d array).
    @inline(__always)
    init() {
        inline = (0, 0, 0, 0)
        spill = nil
        count = 0
    }

    /// The values of `array`, one per axis.
    @inline(__always)
    init(_ array: [Int]) {
        inline = (0, 0, 0, 0)
        spill = nil
        count = 0
        if array.count > AxisList.inlineCapacity {
            spill = array
            count = array.count
            return
        }
        for value in array { appendInline(value) }
    }

    /// The values of `values`, one per axis.
    @inline(__always)
    init<S: Sequence>(_ values: S) where S.Element == Int {
        inline = (0, 0, 0, 0)
        spill = nil
        count = 0
        for value in values { append(value) }
    }

    /// `count` axes of `value`.
    @inline(__always)
    init(repeating value: Int, count: Int) {
        precondition(count >= 0, "AxisList: negative count \(count)")
        inline = (0, 0, 0, 0)
        spill = nil
        self.count = 0
        if count > AxisList.inlineCapacity {
            spill = [Int](repeating: value, count: count)
            self.count = count
            return
        }
        for _ in 0..<count { appendInline(value) }
    }

    /// The first `count` (≤ ``inlineCapacity``) of `slots`, whose others are 0.
    @inline(__always)
    init(inlineSlots slots: (Int, Int, Int, Int), count: Int) {
        inline = slots
        spill = nil
        self.count = count
    }

    /// The slots when the values are inline (unused ones 0), else nil.
    @inline(__always)
    var inlineSlots: (Int, Int, Int, Int)? { spill == nil ? inline : nil }

    /// One axis.
    @inline(__always)
    init(_ value: Int) {
        inline = (value, 0, 0, 0)
        spill = nil
        count = 1
    }

    @inline(__always) var startIndex: Int { 0 }
    @inline(__always) var endIndex: Int { count }

    @inline(__always)
    subscript(position: Int) -> Int {
        get {
            precondition(position >= 0 && position < count, "AxisList: index \(position) out of range for \(count) axes")
            if let spill { return spill[position] }
            return withUnsafeBytes(of: inline) { $0.load(fromByteOffset: position &* MemoryLayout<Int>.stride, as: Int.self) }
        }
        set {
            precondition(position >= 0 && position < count, "AxisList: index \(position) out of range for \(count) axes")
            if spill != nil {
                spill![position] = newValue
                return
            }
            withUnsafeMutableBytes(of: &inline) { $0.storeBytes(of: newValue, toByteOffset: position &* MemoryLayout<Int>.stride, as: Int.self) }
        }
    }

    /// The values as a Swift array (allocates unless the rank is above ``inlineCapacity``).
    var array: [Int] {
        if let spill { return spill }
        return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
            for axis in 0..<count { buffer[axis] = self[axis] }
            initialized = count
        }
    }

    /// The product of the values (an array's size from its shape), 1 for no axes.
    @inline(__always)
    var product: Int {
        if let spill { return spill.reduce(1, *) }
        // Unused inline slots hold 0, so multiply only the used ones.
        var result = 1
        withUnsafeBytes(of: inline) { raw in
            for axis in 0..<count { result *= raw.load(fromByteOffset: axis &* MemoryLayout<Int>.stride, as: Int.self) }
        }
        return result
    }

    /// Adds an axis at the end.
    @inline(__always)
    mutating func append(_ value: Int) {
        if count < AxisList.inlineCapacity && spill == nil {
            appendInline(value)
        } else if spill != nil {
            spill!.append(value)
            count += 1
        } else {
            var values = array
            values.append(value)
            self = AxisList(values)
        }
    }

    @inline(__always)
    private mutating func appendInline(_ value: Int) {
        let position = count
        count += 1
        self[position] = value
    }

    /// Inserts an axis before `position` (cold: through an array).
    mutating func insert(_ value: Int, at position: Int) {
        var values = array
        values.insert(value, at: position)
        self = AxisList(values)
    }

    /// Removes and returns the axis at `position` (cold: through an array).
    @discardableResult
    mutating func remove(at position: Int) -> Int {
        var values = array
        let value = values.remove(at: position)
        self = AxisList(values)
        return value
    }

    @inline(__always)
    static func == (lhs: AxisList, rhs: AxisList) -> Bool {
        guard lhs.count == rhs.count else { return false }
        // Inline lists keep unused slots at 0: one comparison of the slots.
        if lhs.spill == nil && rhs.spill == nil { return lhs.inline == rhs.inline }
        for axis in 0..<lhs.count where lhs[axis] != rhs[axis] { return false }
        return true
    }

    /// Whether the values are those of `array`.
    static func == (lhs: AxisList, rhs: [Int]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for axis in 0..<lhs.count where lhs[axis] != rhs[axis] { return false }
        return true
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for value in self { hasher.combine(value) }
    }

    /// As a Swift array prints (`[2, 3]`), so messages read the same as with `[Int]`.
    var description: String { array.description }
}
