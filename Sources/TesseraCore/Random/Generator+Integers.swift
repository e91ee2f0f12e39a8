extension Random.Generator {
    /// The closed range of values of an integer dtype (NumPy's bounds for `integers`).
    static func integerBounds(_ dtype: DType) throws -> (low: Int128, high: Int128) {
        switch dtype {
        case .bool: return (0, 1)
        case .int8: return (Int128(Int8.min), Int128(Int8.max))
        case .uint8: return (0, Int128(UInt8.max))
        case .int16: return (Int128(Int16.min), Int128(Int16.max))
        case .uint16: return (0, Int128(UInt16.max))
        case .int32: return (Int128(Int32.min), Int128(Int32.max))
        case .uint32: return (0, Int128(UInt32.max))
        case .int64: return (Int128(Int64.min), Int128(Int64.max))
        case .uint64: return (0, Int128(UInt64.max))
        default:
            throw TesseraError(.unsupportedDType, "Unsupported dtype dtype('\(dtype)') for integers")
        }
    }

    /// NumPy's message for an empty range (`format_bounds_error`).
    static func boundsError(closed: Bool, lowIsZero: Bool) -> TesseraError {
        if !closed { return valueError(lowIsZero ? "high <= 0" : "low >= high") }
        return valueError("low > high")
    }

    // MARK: scalar bounds

    /// NumPy's `Generator.integers(low, high, size, dtype, endpoint)`: integers in
    /// `[low, high)` (`[low, high]` with `endpoint`), by Lemire's method with NumPy's choice
    /// of draws: 64-bit draws for ranges wider than 32 bits, 32-bit draws otherwise, and for
    /// 8- and 16-bit dtypes (and `bool`) parts of a buffered 32-bit draw. A full-width range
    /// takes the draw itself. Every integer dtype and `bool`.
    /// - Precondition: `low` and `high` fit `dtype` and the range is not empty; see
    ///   ``integersThrowing(_:_:shape:dtype:endpoint:)``.
    public mutating func integers(_ low: some BinaryInteger, _ high: some BinaryInteger, shape: [Int] = [], dtype: DType = .int64, endpoint: Bool = false) -> NDArray {
        orStop { try integersThrowing(low, high, shape: shape, dtype: dtype, endpoint: endpoint) }
    }

    /// `integers(high)`: NumPy's one-bound form, integers in `[0, high)`.
    public mutating func integers(_ high: some BinaryInteger, shape: [Int] = [], dtype: DType = .int64, endpoint: Bool = false) -> NDArray {
        orStop { try integersThrowing(0, high, shape: shape, dtype: dtype, endpoint: endpoint) }
    }

    /// ``integers(_:_:shape:dtype:endpoint:)`` that throws NumPy's errors: `low is out of
    /// bounds for int8`, `high is out of bounds for int8`, `low >= high` (`low > high` with
    /// `endpoint`; `high <= 0` for low 0), an unsupported dtype, a negative dimension.
    public mutating func integersThrowing(_ low: some BinaryInteger, _ high: some BinaryInteger, shape: [Int] = [], dtype: DType = .int64, endpoint: Bool = false) throws -> NDArray {
        try integersThrowing(wideLow: Int128(clamping: low), wideHigh: Int128(clamping: high), shape: shape, dtype: dtype, endpoint: endpoint)
    }

    @_specialize(where Bits == Random.PCG64)
    mutating func integersThrowing(wideLow lowValue: Int128, wideHigh: Int128, shape: [Int], dtype: DType, endpoint: Bool) throws -> NDArray {
        let bounds = try Self.integerBounds(dtype)
        var highValue = wideHigh
        if !endpoint { highValue -= 1 }
        if lowValue < bounds.low { throw Self.valueError("low is out of bounds for \(dtype)") }
        if highValue > bounds.high { throw Self.valueError("high is out of bounds for \(dtype)") }
        if lowValue > highValue { throw Self.boundsError(closed: endpoint, lowIsZero: lowValue == 0) }
        let out = try Self.output(shape, dtype)
        let rng = UInt64(truncatingIfNeeded: highValue - lowValue)
        let off = UInt64(truncatingIfNeeded: lowValue)
        let count = out.size
        let base = out.baseAddress
        switch dtype.itemSize {
        case 8: fill64(base.assumingMemoryBound(to: UInt64.self), count, off: off, rng: rng)
        case 4: fill32(base.assumingMemoryBound(to: UInt32.self), count, off: UInt32(truncatingIfNeeded: off), rng: UInt32(truncatingIfNeeded: rng))
        case 2: fill16(base.assumingMemoryBound(to: UInt16.self), count, off: UInt16(truncatingIfNeeded: off), rng: UInt16(truncatingIfNeeded: rng))
        default:
            if dtype == .bool {
                fillBool(base.assumingMemoryBound(to: Bool.self), count, off: off != 0, rng: rng != 0)
            } else {
                fill8(base.assumingMemoryBound(to: UInt8.self), count, off: UInt8(truncatingIfNeeded: off), rng: UInt8(truncatingIfNeeded: rng))
            }
        }
        return out
    }

    /// ``integers(_:shape:dtype:endpoint:)`` that throws.
    public mutating func integersThrowing(_ high: some BinaryInteger, shape: [Int] = [], dtype: DType = .int64, endpoint: Bool = false) throws -> NDArray {
        try integersThrowing(0, high, shape: shape, dtype: dtype, endpoint: endpoint)
    }

    /// NumPy's `random_bounded_uint64_fill`.
    mutating func fill64(_ out: UnsafeMutablePointer<UInt64>, _ count: Int, off: UInt64, rng: UInt64) {
        if rng == 0 {
            out.update(repeating: off, count: count)
            return
        }
        if rng <= 0xffff_ffff {
            if RandomParallelFill.fillBounded32(&bitGenerator, out, count, off: off, rng: UInt32(rng)) { return }
        }
        var bits = bitGenerator
        defer { bitGenerator = bits }
        if rng < 0xffff_ffff, var pcg = bits as? Random.PCG64 {
            pcg.fillBounded32(out, count, off: off, rng: UInt32(rng))
            bits = pcg as! Bits
            return
        }
        if rng <= 0xffff_ffff {
            if rng == 0xffff_ffff {
                for i in 0..<count { out[i] = off &+ UInt64(bits.nextUInt32()) }
            } else {
                let narrow = UInt32(rng)
                for i in 0..<count { out[i] = off &+ UInt64(BoundedIntegers.lemire32(&bits, narrow)) }
            }
        } else if rng == .max {
            for i in 0..<count { out[i] = off &+ bits.nextUInt64() }
        } else {
            for i in 0..<count { out[i] = off &+ BoundedIntegers.lemire64(&bits, rng) }
        }
    }

    /// NumPy's `random_bounded_uint32_fill`.
    mutating func fill32(_ out: UnsafeMutablePointer<UInt32>, _ count: Int, off: UInt32, rng: UInt32) {
        var bits = bitGenerator
        defer { bitGenerator = bits }
        if rng == 0 {
            out.update(repeating: off, count: count)
        } else if rng == .max {
            for i in 0..<count { out[i] = off &+ bits.nextUInt32() }
        } else {
            for i in 0..<count { out[i] = off &+ BoundedIntegers.lemire32(&bits, rng) }
        }
    }

    /// NumPy's `random_bounded_uint16_fill` (one buffered 32-bit draw per two values).
    mutating func fill16(_ out: UnsafeMutablePointer<UInt16>, _ count: Int, off: UInt16, rng: UInt16) {
        var bits = bitGenerator
        defer { bitGenerator = bits }
        var buffer = BoundedIntegers.Buffer()
        for i in 0..<count { out[i] = BoundedIntegers.uint16(&bits, off: off, rng: rng, &buffer) }
    }

    /// NumPy's `random_bounded_uint8_fill` (one buffered 32-bit draw per four values).
    mutating func fill8(_ out: UnsafeMutablePointer<UInt8>, _ count: Int, off: UInt8, rng: UInt8) {
        var bits = bitGenerator
        defer { bitGenerator = bits }
        var buffer = BoundedIntegers.Buffer()
        for i in 0..<count { out[i] = BoundedIntegers.uint8(&bits, off: off, rng: rng, &buffer) }
    }

    /// NumPy's `random_bounded_bool_fill` (one buffered 32-bit draw per 32 values).
    mutating func fillBool(_ out: UnsafeMutablePointer<Bool>, _ count: Int, off: Bool, rng: Bool) {
        var bits = bitGenerator
        defer { bitGenerator = bits }
        var buffer = BoundedIntegers.Buffer()
        for i in 0..<count { out[i] = BoundedIntegers.bool(&bits, off: off, rng: rng, &buffer) }
    }

    // MARK: array bounds

    /// NumPy's `Generator.integers` with array bounds: `low` and `high` broadcast together
    /// (and to `shape` when given); each value is drawn for its own bounds in C order, with
    /// NumPy's per-dtype draws (a 32-bit buffer shared along the output for 8- and 16-bit
    /// dtypes and `bool`).
    /// - Precondition: the bounds are integers that fit `dtype`, every range is non-empty,
    ///   and the shapes broadcast; see ``integersThrowing(low:high:shape:dtype:endpoint:)``.
    @_specialize(where Bits == Random.PCG64)
    public mutating func integers(low: NDArray, high: NDArray, shape: [Int]? = nil, dtype: DType = .int64, endpoint: Bool = false) -> NDArray {
        orStop { try integersThrowing(low: low, high: high, shape: shape, dtype: dtype, endpoint: endpoint) }
    }

    /// ``integers(low:high:shape:dtype:endpoint:)`` that throws NumPy's errors.
    @_specialize(where Bits == Random.PCG64)
    public mutating func integersThrowing(low: NDArray, high: NDArray, shape: [Int]? = nil, dtype: DType = .int64, endpoint: Bool = false) throws -> NDArray {
        let bounds = try Self.integerBounds(dtype)
        for (name, array) in [("low", low), ("high", high)] where !(array.dtype.isUnsignedInteger || array.dtype.isSignedInteger || array.dtype == .bool) {
            throw TesseraError(.unsupportedDType, "integers: \(name) has dtype \(array.dtype); bounds must be integer arrays")
        }
        let lows = Self.int128Values(low), highs = Self.int128Values(high)
        if lows.contains(where: { $0 < bounds.low }) { throw Self.valueError("low is out of bounds for \(dtype)") }
        let closedHighs = highs.map { endpoint ? $0 : $0 - 1 }
        if closedHighs.contains(where: { $0 > bounds.high }) { throw Self.valueError("high is out of bounds for \(dtype)") }
        // NumPy compares the bounds in their own broadcast, before `shape` repeats them.
        let pairShape = try broadcastShapes([low.shape, high.shape])
        let pairLows = Self.int128Values(try low.broadcast(to: pairShape))
        let pairHighs = Self.int128Values(try high.broadcast(to: pairShape))
        if zip(pairLows, pairHighs).contains(where: { $0 > (endpoint ? $1 : $1 - 1) }) {
            throw Self.boundsError(closed: endpoint, lowIsZero: lows.allSatisfy { $0 == 0 })
        }
        let target = shape ?? pairShape
        if target.contains(where: { $0 < 0 }) { throw Self.valueError("negative dimensions are not allowed") }
        let lowB = Self.int128Values(try low.broadcast(to: target))
        let highB = Self.int128Values(try high.broadcast(to: target)).map { endpoint ? $0 : $0 - 1 }
        let out = try Self.output(target, dtype)
        let base = out.baseAddress
        var bits = bitGenerator
        defer { bitGenerator = bits }
        var buffer = BoundedIntegers.Buffer()
        for i in 0..<out.size {
            let off = UInt64(truncatingIfNeeded: lowB[i])
            let rng = UInt64(truncatingIfNeeded: highB[i] - lowB[i])
            switch dtype.itemSize {
            case 8:
                base.assumingMemoryBound(to: UInt64.self)[i] = BoundedIntegers.uint64(&bits, off: off, rng: rng)
            case 4:
                base.assumingMemoryBound(to: UInt32.self)[i] = BoundedIntegers.uint32(&bits, off: UInt32(truncatingIfNeeded: off), rng: UInt32(truncatingIfNeeded: rng))
            case 2:
                base.assumingMemoryBound(to: UInt16.self)[i] = BoundedIntegers.uint16(&bits, off: UInt16(truncatingIfNeeded: off), rng: UInt16(truncatingIfNeeded: rng), &buffer)
            default:
                if dtype == .bool {
                    base.assumingMemoryBound(to: Bool.self)[i] = BoundedIntegers.bool(&bits, off: off != 0, rng: rng != 0, &buffer)
                } else {
                    base.assumingMemoryBound(to: UInt8.self)[i] = BoundedIntegers.uint8(&bits, off: UInt8(truncatingIfNeeded: off), rng: UInt8(truncatingIfNeeded: rng), &buffer)
                }
            }
        }
        return out
    }

    /// An integer array's elements in C order, widened to Int128.
    static func int128Values(_ array: NDArray) -> [Int128] {
        if array.dtype.isUnsignedInteger { return array.toArray(UInt64.self).map { Int128($0) } }
        return array.toArray(Int64.self).map { Int128($0) }
    }
}
