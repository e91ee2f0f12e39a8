extension Random.Generator {
    // MARK: shuffle and permutation

    /// NumPy's `Generator.shuffle(x, axis)`: permutes `x` along `axis` by Fisher–Yates,
    /// from the last position down, the partner of position i drawn by NumPy's
    /// `random_interval(i)` (masked rejection, 32-bit draws below 2³²). Whole subarrays move
    /// for an n-d array, as in NumPy. `x` keeps its shape and dtype.
    /// - Precondition: `x` has at least one dimension and `axis` is valid.
    @_specialize(where Bits == Random.PCG64)
    public mutating func shuffle(_ x: inout NDArray, axis: Int = 0) {
        orStop { try shuffleThrowing(&x, axis: axis) }
    }

    /// ``shuffle(_:axis:)`` that throws NumPy's `AxisError` for a bad axis (or a 0-d array).
    @_specialize(where Bits == Random.PCG64)
    public mutating func shuffleThrowing(_ x: inout NDArray, axis: Int = 0) throws {
        let axis = try NDArray.normalizeAxis(axis, ndim: x.ndim)
        let n = x.axisLength(axis)
        if x.size == 0 { return }
        var bits = bitGenerator
        defer { bitGenerator = bits }
        if x.ndim == 1 {
            // In place along the stride (NumPy's `_shuffle_raw`), after copy-on-write.
            let base = x.makeUniqueForWriting()
            Self.shuffleItems(&bits, base, count: n, stride: x.axisStride(0), itemSize: x.itemSize)
            return
        }
        // Whole subarrays move: shuffle the rows of a copy with the axis first.
        let moved = x.swappedAxes(0, axis).copy(order: .c)
        let rowBytes = moved.nbytes / n
        Self.shuffleItems(&bits, moved.baseAddress, count: n, stride: rowBytes, itemSize: rowBytes)
        x = moved.swappedAxes(0, axis).copy(order: .c)
    }

    /// Fisher–Yates over `count` items of `itemSize` bytes `stride` bytes apart, from the
    /// last position down, with NumPy's `random_interval` draws (NumPy's `_shuffle_raw`):
    /// the one shuffle behind `shuffle`, `permutation` and `permuted`. Contiguous aligned
    /// 8-byte items take the blocked kernel (``FisherYates``).
    static func shuffleItems(_ bits: inout Bits, _ base: UnsafeMutableRawPointer, count: Int, stride: Int, itemSize: Int) {
        if count < 2 || itemSize == 0 { return }
        if itemSize == 8 && stride == 8 && Int(bitPattern: base) % 8 == 0 {
            FisherYates.shuffle64(&bits, base.assumingMemoryBound(to: UInt64.self), count)
            return
        }
        var i = count - 1
        if itemSize == 8 {
            while i >= 1 {
                let j = Int(BoundedIntegers.interval(&bits, UInt64(i)))
                let a = base.loadUnaligned(fromByteOffset: i * stride, as: UInt64.self)
                let b = base.loadUnaligned(fromByteOffset: j * stride, as: UInt64.self)
                base.storeBytes(of: b, toByteOffset: i * stride, as: UInt64.self)
                base.storeBytes(of: a, toByteOffset: j * stride, as: UInt64.self)
                i -= 1
            }
            return
        }
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: itemSize, alignment: 16)
        defer { scratch.deallocate() }
        while i >= 1 {
            let j = Int(BoundedIntegers.interval(&bits, UInt64(i)))
            if i != j {
                scratch.copyMemory(from: base + j * stride, byteCount: itemSize)
                (base + j * stride).copyMemory(from: base + i * stride, byteCount: itemSize)
                (base + i * stride).copyMemory(from: scratch, byteCount: itemSize)
            }
            i -= 1
        }
    }

    /// NumPy's `Generator.permutation(n)`: `0 ..< n` (int64) in shuffled order (NumPy's
    /// `arange(n)` then `shuffle`; the draws are the same).
    @_specialize(where Bits == Random.PCG64)
    public mutating func permutation(_ n: Int) -> NDArray {
        let count = Swift.max(0, n)
        let out = NDArray(uninitializedShape: [count], dtype: .int64)
        let values = out.baseAddress.assumingMemoryBound(to: UInt64.self)
        for i in 0..<count { values[i] = UInt64(i) }
        var bits = bitGenerator
        FisherYates.shuffle64(&bits, values, count)
        bitGenerator = bits
        return out
    }

    /// NumPy's `Generator.permutation(x, axis)`: a shuffled copy of `x` along `axis` (for an
    /// n-d array, NumPy shuffles an index array and takes those subarrays; the draws are
    /// the same).
    /// - Precondition: `x` has at least one dimension and `axis` is valid.
    @_specialize(where Bits == Random.PCG64)
    public mutating func permutation(_ x: NDArray, axis: Int = 0) -> NDArray {
        orStop { try permutationThrowing(x, axis: axis) }
    }

    /// ``permutation(_:axis:)`` that throws NumPy's `AxisError`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func permutationThrowing(_ x: NDArray, axis: Int = 0) throws -> NDArray {
        var copy = x
        try shuffleThrowing(&copy, axis: axis)
        return copy
    }

    // MARK: choice

    /// NumPy's `Generator.choice(a, size, replace, p, shuffle)` for the population
    /// `0 ..< a`: int64 indices of `shape` (`nil`: one, as a 0-d array). With replacement
    /// and no `p`: ``integers(_:_:shape:dtype:endpoint:)``; with `p`: a search of uniforms
    /// in the normalised cumulative sum of `p`. Without replacement: Floyd's algorithm with
    /// a hash set (then a shuffle when `shuffle`), or a partial Fisher–Yates of the whole
    /// population when more than 1/50 (1/20 without `shuffle`) of a population above 10 000
    /// is taken; with `p`, repeated rounds that zero what was found. The draws are NumPy's.
    /// - Precondition: NumPy's conditions on `a`, `p` and the sample size hold; see
    ///   ``choiceThrowing(_:shape:replace:p:shuffle:)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func choice(_ a: Int, shape: [Int]? = nil, replace: Bool = true, p: NDArray? = nil, shuffle: Bool = true) -> NDArray {
        orStop { try choiceThrowing(a, shape: shape, replace: replace, p: p, shuffle: shuffle) }
    }

    /// ``choice(_:shape:replace:p:shuffle:)`` that throws NumPy's errors (`a must be a
    /// positive integer unless no samples are taken`, `p must be 1-dimensional`, `a and p
    /// must have same size`, `Probabilities contain NaN`, `Probabilities are not
    /// non-negative`, `Probabilities do not sum to 1. …`, `Cannot take a larger sample than
    /// population when replace is False`, `Fewer non-zero entries in p than size`).
    @_specialize(where Bits == Random.PCG64)
    public mutating func choiceThrowing(_ a: Int, shape: [Int]? = nil, replace: Bool = true, p: NDArray? = nil, shuffle: Bool = true) throws -> NDArray {
        if a <= 0 && (shape.map { $0.reduce(1, *) } ?? 1) != 0 {
            throw Self.valueError("a must be a positive integer unless no samples are taken")
        }
        return try chooseIndices(population: a, shape: shape, replace: replace, p: p, shuffle: shuffle)
    }

    /// NumPy's `Generator.choice(a, size, replace, p, axis, shuffle)` for an array: the
    /// subarrays of `a` along `axis` at the indices ``choice(_:shape:replace:p:shuffle:)``
    /// draws for `a.shape[axis]` (NumPy's `a.take(idx, axis)`).
    @_specialize(where Bits == Random.PCG64)
    public mutating func choice(_ a: NDArray, shape: [Int]? = nil, replace: Bool = true, p: NDArray? = nil, axis: Int = 0, shuffle: Bool = true) -> NDArray {
        orStop { try choiceThrowing(a, shape: shape, replace: replace, p: p, axis: axis, shuffle: shuffle) }
    }

    /// ``choice(_:shape:replace:p:axis:shuffle:)`` that throws NumPy's errors (`a cannot be
    /// empty unless no samples are taken` and those of the integer form).
    @_specialize(where Bits == Random.PCG64)
    public mutating func choiceThrowing(_ a: NDArray, shape: [Int]? = nil, replace: Bool = true, p: NDArray? = nil, axis: Int = 0, shuffle: Bool = true) throws -> NDArray {
        let axis = try NDArray.normalizeAxis(axis, ndim: a.ndim)
        let population = a.axisLength(axis)
        if population == 0 && (shape.map { $0.reduce(1, *) } ?? 1) != 0 {
            throw Self.valueError("a cannot be empty unless no samples are taken")
        }
        let indices = try chooseIndices(population: population, shape: shape, replace: replace, p: p, shuffle: shuffle)
        return Self.take(a, indices.toArray(Int64.self).map(Int.init), indexShape: indices.shape, axis: axis)
    }

    /// `a.take(indices, axis)`: shape `a.shape[..<axis] + indexShape + a.shape[(axis+1)...]`.
    static func take(_ a: NDArray, _ indices: [Int], indexShape: [Int], axis: Int) -> NDArray {
        var order = Array(0..<a.ndim)
        order.remove(at: axis)
        order.insert(axis, at: 0)
        let front = a.transposed(axes: order).copy(order: .c)
        var rest = a.shape
        rest.remove(at: axis)
        let rowBytes = rest.reduce(1, *) * a.itemSize
        let gathered = NDArray(uninitializedShape: [indices.count] + rest, dtype: a.dtype)
        for (row, index) in indices.enumerated() where rowBytes > 0 {
            (gathered.baseAddress + row * rowBytes).copyMemory(from: front.baseAddress + index * rowBytes, byteCount: rowBytes)
        }
        let k = indexShape.count
        let shaped = gathered.reshaped(indexShape + rest)
        let final = Array(k..<(k + axis)) + Array(0..<k) + Array((k + axis)..<(k + rest.count))
        return shaped.transposed(axes: final).copy(order: .c)
    }

    /// The indices of a `choice` from `0 ..< population`, as NumPy draws them.
    mutating func chooseIndices(population: Int, shape: [Int]? = nil, replace: Bool, p: NDArray?, shuffle: Bool) throws -> NDArray {
        var probabilities: [Double]? = nil
        if let p {
            var tolerance = Double.ulpOfOne.squareRoot()
            if p.dtype == .float32 { tolerance = Swift.max(tolerance, Double(Float.ulpOfOne).squareRoot()) }
            if p.dtype == .float16 { tolerance = Swift.max(tolerance, Double(Float16.ulpOfOne).squareRoot()) }
            if p.ndim != 1 { throw Self.valueError("p must be 1-dimensional") }
            if p.size != population { throw Self.valueError("a and p must have same size") }
            let values = p.toArray(Double.self)
            // NumPy sums p with Kahan's compensated sum.
            var sum = values.first ?? 0, compensation = 0.0
            for value in values.dropFirst() {
                let y = value - compensation
                let t = sum + y
                compensation = (t - sum) - y
                sum = t
            }
            if sum.isNaN { throw Self.valueError("Probabilities contain NaN") }
            if values.contains(where: { $0 < 0 }) { throw Self.valueError("Probabilities are not non-negative") }
            if abs(sum - 1) > tolerance {
                throw Self.valueError("Probabilities do not sum to 1. See Notes section of docstring for more information.")
            }
            probabilities = values
        }
        let outShape = shape ?? []
        let size = outShape.reduce(1, *)
        if replace {
            if let probabilities {
                let cdf = Self.normalizedCumulativeSum(probabilities)
                let uniforms = try randomThrowing(outShape).toArray(Double.self)
                return NDArray(uniforms.map { Int64(Self.searchRight(cdf, $0)) }, shape: outShape)
            }
            return try integersThrowing(0, population, shape: outShape, dtype: .int64)
        }
        if size > population {
            throw Self.valueError("Cannot take a larger sample than population when replace is False")
        }
        if outShape.contains(where: { $0 < 0 }) { throw Self.valueError("negative dimensions are not allowed") }
        if var probabilities {
            if probabilities.filter({ $0 > 0 }).count < size {
                throw Self.valueError("Fewer non-zero entries in p than size")
            }
            var found: [Int64] = []
            while found.count < size {
                let uniforms = try randomThrowing([size - found.count]).toArray(Double.self)
                for index in found { probabilities[Int(index)] = 0 }
                let cdf = Self.normalizedCumulativeSum(probabilities)
                var seen = Set<Int>()
                for u in uniforms {
                    let index = Self.searchRight(cdf, u)
                    if seen.insert(index).inserted { found.append(Int64(index)) }
                }
            }
            return NDArray(found, shape: outShape)
        }
        var indices = [Int64](repeating: 0, count: size)
        var bits = bitGenerator
        defer { bitGenerator = bits }
        let cutoff = shuffle ? 50 : 20
        if population > 10000 && size > population / cutoff {
            // Partial Fisher–Yates: the last `size` positions of a shuffled 0 ..< population.
            var all = (0..<Int64(population)).map { $0 }
            let first = Swift.max(population - size, 1)
            var i = population - 1
            while i >= first {
                let j = Int(BoundedIntegers.uint64(&bits, off: 0, rng: UInt64(i)))
                all.swapAt(i, j)
                i -= 1
            }
            indices = Array(all[(population - size)...])
        } else if size > 0 {
            // Floyd's algorithm; the set is an open-addressing table of 2^k ≥ 1.2·size slots.
            let mask = BoundedIntegers.mask(UInt64(1.2 * Double(size)))
            var table = [UInt64](repeating: .max, count: Int(mask) + 1)
            for (slot, j) in ((population - size)..<population).enumerated() {
                let value = BoundedIntegers.uint64(&bits, off: 0, rng: UInt64(j))
                var location = Int(value & mask)
                while table[location] != .max && table[location] != value {
                    location = (location + 1) & Int(mask)
                }
                if table[location] == .max {
                    table[location] = value
                    indices[slot] = Int64(value)
                } else {
                    location = j & Int(mask)
                    while table[location] != .max { location = (location + 1) & Int(mask) }
                    table[location] = UInt64(j)
                    indices[slot] = Int64(j)
                }
            }
            if shuffle {
                var i = size - 1
                while i >= 1 {
                    let j = Int(BoundedIntegers.uint64(&bits, off: 0, rng: UInt64(i)))
                    indices.swapAt(i, j)
                    i -= 1
                }
            }
        }
        return NDArray(indices, shape: outShape)
    }

    /// NumPy's `cdf = p.cumsum(); cdf /= cdf[-1]` (a sequential running sum).
    static func normalizedCumulativeSum(_ p: [Double]) -> [Double] {
        var cdf = p
        for i in cdf.indices.dropFirst() { cdf[i] = cdf[i - 1] + cdf[i] }
        if let last = cdf.last { cdf = cdf.map { $0 / last } }
        return cdf
    }

    /// `searchsorted(cdf, u, side: "right")`: the number of entries ≤ u.
    static func searchRight(_ cdf: [Double], _ u: Double) -> Int {
        var low = 0, high = cdf.count
        while low < high {
            let middle = (low + high) / 2
            if cdf[middle] <= u { low = middle + 1 } else { high = middle }
        }
        return low
    }

    // MARK: bytes

    /// NumPy's `Generator.bytes(length)`: the little-endian bytes of ⌈length/4⌉ full-range
    /// uint32 draws, cut to `length`.
    @_specialize(where Bits == Random.PCG64)
    public mutating func bytes(_ length: Int) -> [UInt8] {
        require(length >= 0, "bytes: length \(length) is negative; use 0 or more")
        let words = length == 0 ? 0 : (length - 1) / 4 + 1
        var result: [UInt8] = []
        result.reserveCapacity(words * 4)
        for _ in 0..<words {
            let word = bitGenerator.nextUInt32()
            for shift in stride(from: 0, to: 32, by: 8) { result.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return Array(result.prefix(length))
    }
}
