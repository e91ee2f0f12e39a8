/// Casts as loops: the core's casts (``castFunction(from:to:)``, NumPy's value rules) are
/// the reference, registered by the scalar backend as ``ArrayMethod/cast`` loops; a
/// vector backend registers faster loops for the same pairs. Bulk conversions (`astype`,
/// copies between dtypes, the buffered casts of mixed-dtype ufunc calls) go through the
/// active registry's loop; single-element conversions keep calling the core directly.

/// Holds a reference cast for its loop's `data`.
private final class CastLoopBox: @unchecked Sendable {
    let cast: CastFunction
    init(_ cast: @escaping CastFunction) { self.cast = cast }
}

private let referenceCastTrampoline: InnerLoopFunction = { args, count, steps, data in
    let box = Unmanaged<CastLoopBox>.fromOpaque(data.unsafelyUnwrapped).takeUnretainedValue()
    let a = args.unsafelyUnwrapped, s = steps.unsafelyUnwrapped
    box.cast(UnsafeRawPointer(a[0].unsafelyUnwrapped), s[0], a[1].unsafelyUnwrapped, s[1], count)
}

/// The core's cast from `source` to `destination` as a ``ArrayMethod/cast`` loop of
/// `backend` (the scalar backend registers every pair).
package func referenceCastLoop(from source: DType, to destination: DType, backend: String) -> InnerLoop {
    let box = CastLoopBox(castFunction(from: source, to: destination))
    return InnerLoop(
        signature: LoopSignature(inputs: [source], outputs: [destination]),
        function: referenceCastTrampoline,
        data: Unmanaged.passUnretained(box).toOpaque(),
        backend: backend,
        instructionSet: "baseline",
        costPerElement: 0.3,
        dataOwner: box
    )
}

/// The cast for bulk conversions: the active registry's loop for the pair when a backend
/// other than the reference registered one, else the core's.
func bulkCastFunction(from source: DType, to destination: DType) -> CastFunction {
    guard source != destination,
          let loop = Backends.active.methodLoop(.cast, signature: LoopSignature(inputs: [source], outputs: [destination])),
          loop.backend != "scalar"
    else {
        return castFunction(from: source, to: destination)
    }
    return { input, inputStride, output, outputStride, count in
        withUnsafeTemporaryAllocation(of: UnsafeMutableRawPointer?.self, capacity: 2) { args in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2) { steps in
                args[0] = UnsafeMutableRawPointer(mutating: input)
                args[1] = output
                steps[0] = inputStride
                steps[1] = outputStride
                loop.function(UnsafePointer(args.baseAddress!), count, UnsafePointer(steps.baseAddress!), loop.data)
            }
        }
    }
}
