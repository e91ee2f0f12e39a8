extension DType {
    /// NumPy's `can_cast(from, to, casting)` for dtypes.
    public enum Casting: String, Sendable, CaseIterable {
        /// Only the identical dtype.
        case no
        /// Identical up to byte order; in memory Tessera is native-endian, so as `no`.
        case equiv
        /// Only casts that preserve every value.
        case safe
        /// Safe casts, or casts within a kind or to a later kind (`float64` → `float32`).
        case sameKind = "same_kind"
        /// Any cast.
        case unsafe
    }

    /// Whether every value of `self` is exactly representable in `target` (NumPy's `safe`).
    public func canCastSafely(to target: DType) -> Bool {
        if self == target || self == .bool { return true }
        switch (kind, target.kind) {
        case (.signedInteger, .signedInteger), (.unsignedInteger, .unsignedInteger):
            return target.itemSize >= itemSize
        case (.unsignedInteger, .signedInteger):
            return target.itemSize > itemSize
        case (.signedInteger, .unsignedInteger):
            return false
        case (.signedInteger, .floatingPoint), (.unsignedInteger, .floatingPoint):
            // float16 holds 8-bit integers, float32 16-bit ones, float64 the rest.
            return target.itemSize > itemSize || target == .float64
        case (.signedInteger, .complexFloatingPoint), (.unsignedInteger, .complexFloatingPoint):
            return target.realComponent.itemSize > itemSize || target == .complex128
        case (.floatingPoint, .floatingPoint):
            return target.itemSize >= itemSize
        case (.floatingPoint, .complexFloatingPoint):
            return target.realComponent.itemSize >= itemSize
        case (.complexFloatingPoint, .complexFloatingPoint):
            return target.itemSize >= itemSize
        default:
            return false
        }
    }

    /// NumPy's `can_cast(self, target, casting=...)`.
    public func canCast(to target: DType, casting: Casting) -> Bool {
        switch casting {
        case .no, .equiv: return self == target
        case .safe: return canCastSafely(to: target)
        case .sameKind: return canCastSafely(to: target) || kind <= target.kind
        case .unsafe: return true
        }
    }

    /// NumPy's `promote_types`: the smallest dtype both operands cast to safely,
    /// searched in NumPy's type order (so `int64` with `uint64` gives `float64`).
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        for candidate in DType.allCases where a.canCastSafely(to: candidate) && b.canCastSafely(to: candidate) {
            return candidate
        }
        return .complex128  // unreachable: every dtype casts safely to complex128 or is it
    }

    /// NumPy's `result_type` over dtypes (no weak scalars): the first dtype in NumPy's
    /// type order that every one casts to safely. Promoting pairwise would differ for
    /// three or more (`uint8, int8, float16` is `float16`, not `float32`), because NumPy
    /// promotes the whole sequence at once.
    public static func resultType(_ dtypes: [DType]) -> DType? {
        guard let first = dtypes.first else { return nil }
        if dtypes.count <= 2 { return promote(first, dtypes.last!) }
        return DType.allCases.first { candidate in dtypes.allSatisfy { $0.canCastSafely(to: candidate) } } ?? .complex128
    }
}
