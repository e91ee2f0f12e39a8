/// One entry of an index expression: NumPy's basic indexing (`a[1, 2:5, ..., None]`).
///
/// Spell entries as integers (`a[1, -1]`), Swift ranges (`a[1..<3]`, `a[2...]`), or the
/// static forms `.all` (`:`), `.slice(start, stop, step)` (`start:stop:step`, any part
/// `nil`, negative steps allowed), `.ellipsis` (`...`) and `.newAxis` (`None`). An
/// ``NDArray`` entry (or `.array(_:)`) is NumPy's advanced indexing: a `bool` array is a
/// mask, an integer array gives positions.
public struct NDIndex: Sendable, Hashable {
    /// What the entry selects.
    public enum Kind: Sendable, Hashable {
        /// One position; negative counts from the end. Drops the axis.
        case index(Int)
        /// A Python slice `start:stop:step`; `nil` parts take Python's defaults.
        case slice(start: Int?, stop: Int?, step: Int?)
        /// As many `.all` entries as needed to index every axis.
        case ellipsis
        /// A new axis of length 1.
        case newAxis
        /// Advanced indexing: a `bool` array is a mask over as many axes as it has, an
        /// integer array gives positions along one axis (negative counts from the end).
        case array(NDArray)

        public static func == (lhs: Kind, rhs: Kind) -> Bool {
            switch (lhs, rhs) {
            case (.index(let a), .index(let b)): a == b
            case (.slice(let a0, let a1, let a2), .slice(let b0, let b1, let b2)): a0 == b0 && a1 == b1 && a2 == b2
            case (.ellipsis, .ellipsis), (.newAxis, .newAxis): true
            case (.array(let a), .array(let b)): a.dtype == b.dtype && a == b
            default: false
            }
        }

        public func hash(into hasher: inout Hasher) {
            switch self {
            case .index(let position): hasher.combine(0); hasher.combine(position)
            case .slice(let start, let stop, let step): hasher.combine(1); hasher.combine(start); hasher.combine(stop); hasher.combine(step)
            case .ellipsis: hasher.combine(2)
            case .newAxis: hasher.combine(3)
            case .array(let array): hasher.combine(4); hasher.combine(array.dtype); hasher.combine(array.shape)
            }
        }
    }

    /// What the entry selects.
    public let kind: Kind

    public init(_ kind: Kind) { self.kind = kind }
}

/// A value usable as an entry of an ``NDArray`` subscript: `Int`, `NDIndex`, and Swift's
/// integer ranges (`1..<3`, `1...3`, `2...`, `..<2`, `...2`).
public protocol NDIndexExpression {
    /// The index entry this value stands for.
    var ndIndex: NDIndex { get }
}

extension NDIndexExpression where Self == NDIndex {
    /// Every position of one axis (NumPy's `:`).
    public static var all: NDIndex { NDIndex(.slice(start: nil, stop: nil, step: nil)) }
    /// Every remaining axis (NumPy's `...`).
    public static var ellipsis: NDIndex { NDIndex(.ellipsis) }
    /// A new axis of length 1 (NumPy's `None` / `np.newaxis`).
    public static var newAxis: NDIndex { NDIndex(.newAxis) }
    /// One position (negative counts from the end); the axis is dropped.
    public static func index(_ position: Int) -> NDIndex { NDIndex(.index(position)) }
    /// NumPy's `start:stop:step`; `nil` parts take Python's defaults (which depend on the sign of `step`).
    public static func slice(_ start: Int? = nil, _ stop: Int? = nil, _ step: Int? = nil) -> NDIndex {
        NDIndex(.slice(start: start, stop: stop, step: step))
    }
    /// NumPy's advanced indexing by an array: a `bool` array is a mask, an integer array
    /// gives positions (negative counts from the end). Always selects a copy.
    public static func array(_ array: NDArray) -> NDIndex { NDIndex(.array(array)) }
}

extension NDIndex: NDIndexExpression { public var ndIndex: NDIndex { self } }
extension Int: NDIndexExpression { public var ndIndex: NDIndex { NDIndex(.index(self)) } }
extension NDArray: NDIndexExpression { public var ndIndex: NDIndex { NDIndex(.array(self)) } }
extension Range: NDIndexExpression where Bound == Int {
    public var ndIndex: NDIndex { NDIndex(.slice(start: lowerBound, stop: upperBound, step: nil)) }
}
extension ClosedRange: NDIndexExpression where Bound == Int {
    public var ndIndex: NDIndex { NDIndex(.slice(start: lowerBound, stop: upperBound == -1 ? nil : upperBound + 1, step: nil)) }
}
extension PartialRangeFrom: NDIndexExpression where Bound == Int {
    public var ndIndex: NDIndex { NDIndex(.slice(start: lowerBound, stop: nil, step: nil)) }
}
extension PartialRangeUpTo: NDIndexExpression where Bound == Int {
    public var ndIndex: NDIndex { NDIndex(.slice(start: nil, stop: upperBound, step: nil)) }
}
extension PartialRangeThrough: NDIndexExpression where Bound == Int {
    public var ndIndex: NDIndex { NDIndex(.slice(start: nil, stop: upperBound == -1 ? nil : upperBound + 1, step: nil)) }
}

/// The geometry of a basic-indexing view: where it starts and how it walks the storage.
struct ViewGeometry {
    var shape: AxisList
    var strides: AxisList
    var offset: Int
}

extension NDArray {
    // MARK: Subscripts

    /// NumPy's basic indexing: integers drop their axis, slices keep it, `.newAxis` adds one;
    /// the result is a view sharing storage with `self` (copy-on-write: writing to it never
    /// changes `self`). Setting writes `newValue`, broadcast and cast, into the selection.
    ///
    /// An index out of range is a programmer error and stops the program with a message
    /// naming the axis, the index and the size; use ``indexed(_:)`` for indices from input data.
    public subscript(_ indices: any NDIndexExpression...) -> NDArray {
        get { stopOnError { try indexed(indices.map(\.ndIndex)) } }
        // Not through `stopOnError`: calling a method on `self` while the closure mutates it
        // would hold a second reference to the storage and copy it on every assignment.
        set {
            do { try assign(newValue, at: indices.map(\.ndIndex)) } catch { fatalError("NDArray subscript (shape \(shape)): \(error)") }
        }
    }

    /// The selected element as a Swift value (cast with NumPy's rules), or — when
    /// setting — `newValue` cast and written into every selected element (`a[0] = 5.0`).
    public subscript<T: NDArrayElement>(_ indices: any NDIndexExpression...) -> T {
        get { stopOnError { try indexed(indices.map(\.ndIndex)).item(T.self) } }
        set {
            do { try assign(NDArray(scalar: newValue), at: indices.map(\.ndIndex)) } catch { fatalError("NDArray subscript (shape \(shape)): \(error)") }
        }
    }

    // Element access by integers alone — `let x: Double = a[i, j]` — skips building a view
    // and is inlined into the caller, so reading an element of the array's own type is an
    // address computation and a load: the same element, cast the same way, as the general
    // subscript gives (which it falls back to when the integers do not select exactly one
    // element).

    /// The element at `i` of a 1-D array as a Swift value (NumPy's `a[i]` on a 1-D array).
    public subscript<T: NDArrayElement>(_ i: Int) -> T {
        @inlinable get { NDArray._load(_elementAddress(i), as: T.self) }
        set { assignStopping(NDArray(scalar: newValue), at: [.index(i)]) }
    }

    /// The element at `[i, j]` of a 2-D array as a Swift value.
    public subscript<T: NDArrayElement>(_ i: Int, _ j: Int) -> T {
        @inlinable get { NDArray._load(_elementAddress(i, j), as: T.self) }
        set { assignStopping(NDArray(scalar: newValue), at: [.index(i), .index(j)]) }
    }

    /// The element at `[i, j, k]` of a 3-D array as a Swift value.
    public subscript<T: NDArrayElement>(_ i: Int, _ j: Int, _ k: Int) -> T {
        @inlinable get { NDArray._load(_elementAddress(i, j, k), as: T.self) }
        set { assignStopping(NDArray(scalar: newValue), at: [.index(i), .index(j), .index(k)]) }
    }

    /// `assign`, stopping on an error. Not through `stopOnError`: a closure capturing `self`
    /// holds a second reference, and the write would copy the whole storage.
    private mutating func assignStopping(_ value: NDArray, at indices: [NDIndex]) {
        do { try assign(value, at: indices) } catch { fatalError("NDArray subscript (shape \(shape)): \(error)") }
    }

    /// Reads one element as `T`: a plain load when the dtype is `T`'s, else NumPy's cast.
    /// The address stays valid while the array it came from is alive (the caller's `self`).
    @inlinable
    static func _load<T: NDArrayElement>(_ element: (address: UnsafeRawPointer, dtype: DType), as _: T.Type) -> T {
        if element.dtype == T.dtype { return element.address.loadUnaligned(as: T.self) }
        return _convertElement(element.address, from: element.dtype, to: T.self)
    }

    @usableFromInline
    static func _convertElement<T: NDArrayElement>(_ address: UnsafeRawPointer, from dtype: DType, to _: T.Type) -> T {
        castElement(address, from: dtype, to: T.self)
    }

    @usableFromInline
    func _elementAddress(_ i: Int) -> (address: UnsafeRawPointer, dtype: DType) {
        guard ndim == 1 else { return singleElement([.index(i)]) }
        return (UnsafeRawPointer(baseAddress + elementByteOffset(i, axis: 0)), dtype)
    }

    @usableFromInline
    func _elementAddress(_ i: Int, _ j: Int) -> (address: UnsafeRawPointer, dtype: DType) {
        guard ndim == 2 else { return singleElement([.index(i), .index(j)]) }
        return (UnsafeRawPointer(baseAddress + elementByteOffset(i, axis: 0) + elementByteOffset(j, axis: 1)), dtype)
    }

    @usableFromInline
    func _elementAddress(_ i: Int, _ j: Int, _ k: Int) -> (address: UnsafeRawPointer, dtype: DType) {
        guard ndim == 3 else { return singleElement([.index(i), .index(j), .index(k)]) }
        return (UnsafeRawPointer(baseAddress + elementByteOffset(i, axis: 0) + elementByteOffset(j, axis: 1) + elementByteOffset(k, axis: 2)), dtype)
    }

    /// The general subscript's element: the view `indices` select, which must hold one
    /// element (as `item()` requires). A view shares this array's storage.
    private func singleElement(_ indices: [NDIndex]) -> (address: UnsafeRawPointer, dtype: DType) {
        let view = stopOnError { try indexed(indices) }
        require(view.size == 1, "item(): the array has \(view.size) elements, not 1 (shape \(view.shape))")
        return (UnsafeRawPointer(view.baseAddress), view.dtype)
    }

    /// The byte offset of position `index` (negative counts from the end) along `axis`,
    /// stopping with NumPy's message when it is out of bounds.
    /// Only for arrays of at most ``InlineAxes/capacity`` axes (the callers check the
    /// rank first), so the slots are read without the spilled-axes test.
    @inline(__always)
    private func elementByteOffset(_ index: Int, axis: Int) -> Int {
        let length = axes.length(axis)
        let position = index < 0 ? index + length : index
        if position < 0 || position >= length {
            fatalError("NDArray subscript (shape \(shape)): index \(index) is out of bounds for axis \(axis) with size \(length)")
        }
        return position &* axes.stride(axis)
    }

    // MARK: Throwing forms

    /// The elements selected by `indices` (NumPy's `a[indices]`): a view for basic
    /// indexing; with an array entry (advanced indexing) a new array, laid out by NumPy's
    /// rules (the broadcast index shape replaces the indexed axes, or goes first when
    /// advanced entries are separated by a basic one).
    ///
    /// - Throws: ``TesseraError`` `.indexError` for an index out of range (naming the axis,
    ///   the index and the size), too many indices, more than one ellipsis, a zero slice
    ///   step, a mask whose shape does not match the axes it covers, index arrays that do
    ///   not broadcast, or an index array that is neither integer nor bool.
    public func indexed(_ indices: [NDIndex]) throws -> NDArray {
        let indices = NDArray.integerArraysAsIntegers(indices)
        if indices.contains(where: \.isArray) { return try advancedIndexed(indices) }
        let view = try viewGeometry(for: indices)
        return NDArray(storage: storage, dtype: dtype, shapeList: view.shape, strideList: view.strides, offset: view.offset)
    }

    /// Writes `value`, broadcast to the selection and cast to this dtype with NumPy's
    /// (unsafe) assignment rules, into the elements selected by `indices`. With advanced
    /// entries a position selected twice keeps the last value written, as in NumPy.
    ///
    /// - Throws: ``TesseraError`` `.indexError` for a bad index, `.shapeMismatch` when
    ///   `value` does not broadcast to the selection.
    public mutating func assign(_ value: NDArray, at indices: [NDIndex]) throws {
        let indices = NDArray.integerArraysAsIntegers(indices)
        if indices.contains(where: \.isArray) { return try advancedAssign(value, at: indices) }
        let selection = try viewGeometry(for: indices)
        // NumPy lets a value have extra leading length-1 axes, except when the index names
        // one element by integers (then the value must be 0-d).
        let integerIndex = indices.count == ndim && indices.allSatisfy { if case .index = $0.kind { true } else { false } }
        // A bool element takes any one-element value (NumPy converts it with Python's truth test).
        let value = !integerIndex ? value.droppingLeadingUnitAxes(toRank: selection.shape.count)
            : (dtype == .bool && value.size == 1 ? value.reshaped([]) : value)
        guard (try? broadcastShapes([value.shape, selection.shape.array])) == selection.shape.array else {
            throw TesseraError(
                .shapeMismatch,
                "could not broadcast input array from shape \(value.shape) into shape \(selection.shape)"
            )
        }
        // Becoming unique may move the data (a fresh C-ordered copy), so find the view after.
        _ = makeUniqueForWriting()
        let view = try viewGeometry(for: indices)
        NDArray.copyElements(
            from: value, sourceStrides: value.broadcastStrides(to: view.shape.array),
            to: storage.pointer + view.offset, shape: view.shape.array, strides: view.strides.array, dtype: dtype
        )
    }

    /// Writes a Swift scalar, cast to this dtype, into every element selected by `indices`.
    public mutating func assign<T: NDArrayElement>(_ value: T, at indices: [NDIndex]) throws {
        try assign(NDArray(scalar: value), at: indices)
    }

    // MARK: Implementation

    /// Copies (and casts) `source`, read with `sourceStrides`, into raw memory that the
    /// caller owns exclusively.
    static func copyElements(
        from source: NDArray, sourceStrides: [Int],
        to destination: UnsafeMutableRawPointer, shape: [Int], strides: [Int], dtype: DType
    ) {
        IterationLayout.castCopy(
            shape: shape, from: source.baseAddress, strides: sourceStrides, to: destination, strides: strides,
            cast: castFunction(from: source.dtype, to: dtype)
        )
    }

    func stopOnError<R>(_ body: () throws -> R) -> R {
        do {
            return try body()
        } catch {
            fatalError("NDArray subscript (shape \(shape)): \(error)")
        }
    }

    /// Python's `slice.indices(length)` and the resulting length.
    static func resolveSlice(start: Int?, stop: Int?, step: Int?, length: Int) throws -> (start: Int, step: Int, count: Int) {
        let step = step ?? 1
        guard step != 0 else { throw TesseraError(.indexError, "slice step cannot be zero") }
        let lower = step < 0 ? -1 : 0
        let upper = step < 0 ? length - 1 : length
        func clamp(_ value: Int?, default fallback: Int) -> Int {
            guard var value else { return fallback }
            if value < 0 {
                value += length
                return Swift.max(value, lower)
            }
            return Swift.min(value, upper)
        }
        let first = clamp(start, default: step < 0 ? upper : lower)
        let end = clamp(stop, default: step < 0 ? lower : upper)
        let count: Int
        if step > 0 {
            count = end > first ? (end - first - 1) / step + 1 : 0
        } else {
            count = first > end ? (first - end - 1) / (-step) + 1 : 0
        }
        return (first, step, count)
    }

    func viewGeometry(for indices: [NDIndex]) throws -> ViewGeometry {
        var consuming = 0
        var ellipses = 0
        for index in indices {
            switch index.kind {
            case .index, .slice: consuming += 1
            case .ellipsis: ellipses += 1
            case .newAxis: break
            case .array: throw TesseraError(.indexError, "an array index needs advanced indexing")
            }
        }
        guard ellipses <= 1 else {
            throw TesseraError(.indexError, "an index can only have a single ellipsis ('...')")
        }
        guard consuming <= ndim else {
            throw TesseraError(
                .indexError,
                "too many indices for array: array is \(ndim)-dimensional, but \(consuming) were indexed"
            )
        }
        var expanded: [NDIndex] = []
        for index in indices {
            if case .ellipsis = index.kind {
                expanded += Array(repeating: .all, count: ndim - consuming)
            } else {
                expanded.append(index)
            }
        }
        if ellipses == 0 { expanded += Array(repeating: .all, count: ndim - consuming) }

        var result = ViewGeometry(shape: AxisList(), strides: AxisList(), offset: offset)
        var axis = 0
        for index in expanded {
            switch index.kind {
            case .newAxis:
                result.shape.append(1)
                result.strides.append(0)
            case .index(let position):
                let length = axisLength(axis)
                let resolved = position < 0 ? position + length : position
                guard resolved >= 0 && resolved < length else {
                    throw TesseraError(.indexError, "index \(position) is out of bounds for axis \(axis) with size \(length)")
                }
                result.offset += resolved * axisStride(axis)
                axis += 1
            case .slice(let start, let stop, let step):
                let slice = try NDArray.resolveSlice(start: start, stop: stop, step: step, length: axisLength(axis))
                if slice.count > 0 { result.offset += slice.start * axisStride(axis) }
                result.shape.append(slice.count)
                result.strides.append(axisStride(axis) * slice.step)
                axis += 1
            case .ellipsis, .array:
                break
            }
        }
        return result
    }
}
