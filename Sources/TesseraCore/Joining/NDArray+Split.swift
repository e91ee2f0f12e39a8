extension NDArray {
    /// NumPy's `split(a, sections, axis)`: `sections` views of equal length along `axis`.
    ///
    /// - Throws: `.valueError` when the length is not divisible by `sections` (or
    ///   `sections` is not positive), `.axisError`.
    public static func split(_ a: NDArray, sections: Int, axis: Int = 0) throws -> [NDArray] {
        let resolved = try normalizeAxis(axis, ndim: a.ndim)
        guard sections > 0, a.axisLength(resolved) % sections == 0 else {
            throw TesseraError(.valueError, "array split does not result in an equal division: \(a.axisLength(resolved)) into \(sections)")
        }
        return try arraySplit(a, sections: sections, axis: resolved)
    }

    /// NumPy's `split(a, indices, axis)` (and `array_split` with indices): the views
    /// `a[:i0]`, `a[i0:i1]`, …, `a[in:]` along `axis`, with Python's slice clipping.
    ///
    /// - Throws: `.axisError`.
    public static func split(_ a: NDArray, at indices: [Int], axis: Int = 0) throws -> [NDArray] {
        let resolved = try normalizeAxis(axis, ndim: a.ndim)
        let bounds: [Int?] = [nil] + indices.map { $0 } + [nil]
        return try (0..<(bounds.count - 1)).map { i in
            var index = [NDIndex](repeating: .all, count: a.ndim)
            index[resolved] = .slice(bounds[i], bounds[i + 1])
            return try a.indexed(index)
        }
    }

    /// NumPy's `array_split(a, sections, axis)`: like ``split(_:sections:axis:)`` but the
    /// first `length % sections` parts get one element more.
    ///
    /// - Throws: `.valueError` when `sections` is not positive, `.axisError`.
    public static func arraySplit(_ a: NDArray, sections: Int, axis: Int = 0) throws -> [NDArray] {
        let resolved = try normalizeAxis(axis, ndim: a.ndim)
        guard sections > 0 else { throw TesseraError(.valueError, "number sections must be larger than 0.") }
        let length = a.axisLength(resolved)
        let each = length / sections, extra = length % sections
        var boundaries: [Int] = []
        var position = 0
        for i in 0..<(sections - 1) {
            position += each + (i < extra ? 1 : 0)
            boundaries.append(position)
        }
        return try split(a, at: boundaries, axis: resolved)
    }
}

/// NumPy's `split(a, sections, axis)`. An unequal division stops the program; see
/// ``NDArray/split(_:sections:axis:)``.
public func split(_ a: NDArray, sections: Int, axis: Int = 0) -> [NDArray] {
    stoppingOnError("split") { try NDArray.split(a, sections: sections, axis: axis) }
}

/// NumPy's `split(a, indices, axis)`. See ``NDArray/split(_:at:axis:)``.
public func split(_ a: NDArray, at indices: [Int], axis: Int = 0) -> [NDArray] {
    stoppingOnError("split") { try NDArray.split(a, at: indices, axis: axis) }
}

/// NumPy's `array_split(a, sections, axis)`. See ``NDArray/arraySplit(_:sections:axis:)``.
public func arraySplit(_ a: NDArray, sections: Int, axis: Int = 0) -> [NDArray] {
    stoppingOnError("arraySplit") { try NDArray.arraySplit(a, sections: sections, axis: axis) }
}
