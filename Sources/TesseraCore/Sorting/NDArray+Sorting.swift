extension NDArray {
    /// A sorted copy (NumPy's `np.sort(a, axis, kind)`), along `axis` (default the last;
    /// `nil` sorts the flattened array). NumPy's order: NaNs last, −0.0 equal to +0.0,
    /// complex lexicographic with NaNs last, `false` before `true`. Works on any view
    /// (strided, transposed, negative strides). A bad axis is a programmer error; see
    /// ``sort(_:axis:kind:)`` for the throwing form.
    public func sorted(axis: Int? = -1, kind: SortKind = .quicksort) -> NDArray {
        stopOnSortError("sorted") { try NDArray.sort(self, axis: axis, kind: kind) }
    }

    /// Sorts in place along `axis` (NumPy's `ndarray.sort`).
    public mutating func sort(axis: Int = -1, kind: SortKind = .quicksort) {
        self = sorted(axis: axis, kind: kind)
    }

    /// Throwing form of ``sorted(axis:kind:)`` (NumPy's `np.sort`).
    /// - Throws: `.axisError` when `axis` is out of range (a 0-d array has no axis; use `nil`).
    public static func sort(_ a: NDArray, axis: Int? = -1, kind: SortKind = .quicksort) throws -> NDArray {
        let lanes = try SortLanes(a, axis: axis, copy: true)
        let loop = try Backends.active.sortLoops.sortLoop(a.dtype, kind, "sort")
        let base = lanes.rows.baseAddress
        let rowBytes = lanes.length * a.itemSize
        if lanes.length > 1 {
            for row in 0..<lanes.count {
                loop.sort(base + row * rowBytes, lanes.length)
                if kind == .quicksort { TieOrder.canonicalize(a.dtype, base + row * rowBytes, lanes.length) }
            }
        }
        return lanes.restore(lanes.rows)
    }

    /// The indices that sort the array along `axis` (NumPy's `argsort`): an int64 array
    /// of the same shape (`axis: nil`: indices into the flattened array). Equal elements
    /// keep their order with every kind (``TieOrder``), so the indices equal NumPy's
    /// `kind="stable"` result exactly; NumPy's own `quicksort` may order ties otherwise.
    public func argsort(axis: Int? = -1, kind: SortKind = .quicksort) -> NDArray {
        stopOnSortError("argsort") { try NDArray.argsort(self, axis: axis, kind: kind) }
    }

    /// Throwing form of ``argsort(axis:kind:)``.
    /// - Throws: `.axisError` when `axis` is out of range.
    public static func argsort(_ a: NDArray, axis: Int? = -1, kind: SortKind = .quicksort) throws -> NDArray {
        let lanes = try SortLanes(a, axis: axis, copy: false)
        let loop = try Backends.active.sortLoops.sortLoop(a.dtype, kind, "argsort")
        let indices = lanes.identityIndices()
        let values = lanes.rows.baseAddress
        let index = indices.baseAddress.assumingMemoryBound(to: Int64.self)
        let rowBytes = lanes.length * a.itemSize
        if lanes.length > 1 {
            for row in 0..<lanes.count {
                loop.argsort(values + row * rowBytes, index + row * lanes.length, lanes.length)
            }
        }
        return lanes.restore(indices)
    }

    /// A partitioned copy (NumPy's `np.partition(a, kth, axis)`): the element at `kth` is
    /// the one a full sort would put there, no element before it sorts after it and none
    /// after it sorts before it. Negative `kth` counts from the end.
    public func partitioned(kth: Int, axis: Int? = -1) -> NDArray {
        stopOnSortError("partitioned") { try NDArray.partition(self, kth: [kth], axis: axis) }
    }

    /// ``partitioned(kth:axis:)`` for several positions at once: each is in its sorted place.
    public func partitioned(kth: [Int], axis: Int? = -1) -> NDArray {
        stopOnSortError("partitioned") { try NDArray.partition(self, kth: kth, axis: axis) }
    }

    /// Throwing form of ``partitioned(kth:axis:)`` (NumPy's `np.partition`).
    /// - Throws: `.axisError` for a bad axis, `.indexError` when a `kth` is out of bounds.
    public static func partition(_ a: NDArray, kth: [Int], axis: Int? = -1) throws -> NDArray {
        let lanes = try SortLanes(a, axis: axis, copy: true)
        let positions = try normalizedKth(kth, length: lanes.length)
        let loop = try Backends.active.sortLoops.partitionLoop(a.dtype, "partition")
        let base = lanes.rows.baseAddress
        let rowBytes = lanes.length * a.itemSize
        if lanes.length > 1 {
            for row in 0..<lanes.count { loop.partition(base + row * rowBytes, lanes.length, positions) }
        }
        return lanes.restore(lanes.rows)
    }

    /// The indices that partition the array (NumPy's `argpartition`): an int64 array such
    /// that `a[indices]` along `axis` is partitioned around `kth`.
    public func argpartition(kth: Int, axis: Int? = -1) -> NDArray {
        stopOnSortError("argpartition") { try NDArray.argpartition(self, kth: [kth], axis: axis) }
    }

    /// ``argpartition(kth:axis:)`` for several positions at once.
    public func argpartition(kth: [Int], axis: Int? = -1) -> NDArray {
        stopOnSortError("argpartition") { try NDArray.argpartition(self, kth: kth, axis: axis) }
    }

    /// Throwing form of ``argpartition(kth:axis:)``.
    /// - Throws: `.axisError` for a bad axis, `.indexError` when a `kth` is out of bounds.
    public static func argpartition(_ a: NDArray, kth: [Int], axis: Int? = -1) throws -> NDArray {
        let lanes = try SortLanes(a, axis: axis, copy: false)
        let positions = try normalizedKth(kth, length: lanes.length)
        let loop = try Backends.active.sortLoops.partitionLoop(a.dtype, "argpartition")
        let indices = lanes.identityIndices()
        let values = lanes.rows.baseAddress
        let index = indices.baseAddress.assumingMemoryBound(to: Int64.self)
        let rowBytes = lanes.length * a.itemSize
        if lanes.length > 1 {
            for row in 0..<lanes.count {
                loop.argpartition(values + row * rowBytes, index + row * lanes.length, lanes.length, positions)
            }
        }
        return lanes.restore(indices)
    }

    /// NumPy's kth rules: negative counts from the end; out of range is an error; the
    /// kernels take them sorted and distinct.
    static func normalizedKth(_ kth: [Int], length: Int) throws -> [Int] {
        let positions = try kth.map { k -> Int in
            let position = k < 0 ? k + length : k
            guard position >= 0 && position < length else {
                throw TesseraError(.indexError, "kth(=\(k)) out of bounds (\(length))")
            }
            return position
        }
        return Array(Set(positions)).sorted()
    }

    func stopOnSortError<R>(_ function: String, _ body: () throws -> R) -> R {
        do {
            return try body()
        } catch {
            fatalError("\(function) (shape \(shape), dtype \(dtype)): \(error)")
        }
    }
}

/// NumPy's `np.sort(a, axis, kind)`: a sorted copy; see ``NDArray/sorted(axis:kind:)``.
public func sort(_ a: NDArray, axis: Int? = -1, kind: SortKind = .quicksort) -> NDArray {
    a.sorted(axis: axis, kind: kind)
}

/// NumPy's `np.argsort(a, axis, kind)`; see ``NDArray/argsort(axis:kind:)``.
public func argsort(_ a: NDArray, axis: Int? = -1, kind: SortKind = .quicksort) -> NDArray {
    a.argsort(axis: axis, kind: kind)
}

/// NumPy's `np.partition(a, kth, axis)`; see ``NDArray/partitioned(kth:axis:)``.
public func partition(_ a: NDArray, kth: Int, axis: Int? = -1) -> NDArray {
    a.partitioned(kth: kth, axis: axis)
}

/// NumPy's `np.argpartition(a, kth, axis)`; see ``NDArray/argpartition(kth:axis:)``.
public func argpartition(_ a: NDArray, kth: Int, axis: Int? = -1) -> NDArray {
    a.argpartition(kth: kth, axis: axis)
}
