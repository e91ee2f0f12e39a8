/// What a small call needs once its operand dtypes are known: the loop, the dtypes it
/// takes and gives, and the casts of the array inputs whose dtype differs from the
/// loop's (NumPy resolves these once per call; the cache makes it once per thread).
final class FastResolution: @unchecked Sendable {
    let loop: InnerLoop
    /// The loop a threading backend's wrapper would call on a small run (which it never
    /// splits): calls of at most a few thousand elements go to it directly.
    let directLoop: InnerLoop
    let inputTypes: [DType]
    let outputType: DType
    /// One per input: `nil` when the operand reaches the loop as it is.
    let casts: [CastFunction?]
    /// No input needs a cast.
    let isExact: Bool

    init(loop: InnerLoop, operandTypes: [DType?]) {
        self.loop = loop
        var direct = loop
        while let wrapped = direct.wrapped { direct = wrapped }
        directLoop = direct
        inputTypes = loop.signature.inputs
        outputType = loop.signature.outputs[0]
        casts = zip(operandTypes, loop.signature.inputs).map { operand, loopType in
            guard let operand, operand != loopType else { return nil }
            return castFunction(from: operand, to: loopType)
        }
        isExact = casts.allSatisfy { $0 == nil }
    }
}

/// Type resolutions already made, per thread: a small direct-mapped table keyed by the
/// ufunc, the registry (its serial number and generation, so a replaced loop or another
/// backend configuration is never served from a stale entry) and the operands' dtypes.
///
/// Per thread, so the hit path takes no lock and no atomic read-modify-write: a repeated
/// call (the common case) costs a thread-local load, one comparison of four words, and a
/// retain. An entry holds its loop (and so its ``InnerLoop/dataOwner``) until it is
/// overwritten or its thread exits; the table has ``slotCount`` entries.
enum ResolutionCache {
    static let slotCount = 64

    struct Slot {
        var ufunc: ObjectIdentifier?
        var registrySerial: UInt64 = 0
        var generation: Int = 0
        var key: UInt64 = 0
        var resolution: FastResolution?
    }

    private static func index(_ ufunc: UFunc, _ key: UInt64) -> Int {
        let mixed = UInt64(UInt(bitPattern: Unmanaged.passUnretained(ufunc).toOpaque())) >> 4 &+ key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 58) & (slotCount - 1)
    }

    /// The cached resolution of `ufunc` for operands packed as `key` in `registry`.
    static func lookup(_ ufunc: UFunc, key: UInt64, registry: LoopRegistry) -> FastResolution? {
        let slot = ThreadLocalState.current.resolutionSlots + index(ufunc, key)
        guard slot.pointee.ufunc == ObjectIdentifier(ufunc), slot.pointee.key == key, slot.pointee.registrySerial == registry.serial,
              slot.pointee.generation == registry.generation else { return nil }
        return slot.pointee.resolution
    }

    /// Remembers a resolution; `generation` is the registry's generation read before
    /// resolving, so a change made meanwhile makes the entry stale rather than wrong.
    static func store(_ resolution: FastResolution, for ufunc: UFunc, key: UInt64, registry: LoopRegistry, generation: Int) {
        (ThreadLocalState.current.resolutionSlots + index(ufunc, key)).pointee = Slot(
            ufunc: ObjectIdentifier(ufunc), registrySerial: registry.serial, generation: generation, key: key, resolution: resolution
        )
    }
}
