/// The C calling convention of every inner loop — NumPy's
/// `(char **args, npy_intp const *dimensions, npy_intp const *steps, void *data)`.
///
/// One call processes a 1-D run of `count` elements. `args` holds one pointer per
/// operand, inputs first then outputs; `steps` holds each operand's byte stride;
/// `data` is the loop's opaque ``InnerLoop/data``. A C shim declares it as
/// `void f(void *const *args, intptr_t count, const intptr_t *steps, void *data)`
/// and is registered directly, with no Swift wrapper in between.
public typealias InnerLoopFunction = @convention(c) (
    _ args: UnsafePointer<UnsafeMutableRawPointer?>?,
    _ count: Int,
    _ steps: UnsafePointer<Int>?,
    _ data: UnsafeMutableRawPointer?
) -> Void

/// One inner loop of a ufunc: the function, the types it serves, and who provides it.
public struct InnerLoop: @unchecked Sendable, CustomStringConvertible {
    /// Which strides a loop can be handed.
    public enum StridePolicy: String, Sendable {
        /// Any byte stride, including 0 (broadcast) and negative.
        case anyStride = "any stride"
        /// Only contiguous operands (stride == item size); the machinery buffers other runs.
        case contiguousOnly = "contiguous only"
    }

    /// The function called for each 1-D run.
    public let function: InnerLoopFunction
    /// Opaque data passed to every call of ``function``: static, or kept alive by
    /// ``dataOwner``.
    public let data: UnsafeMutableRawPointer?
    /// Everything else, in one shared box: an `InnerLoop` is copied on every ufunc call,
    /// and one reference costs one retain where seven fields would cost five.
    private let metadata: InnerLoopMetadata

    /// The operand types, e.g. `dd->d`.
    public var signature: LoopSignature { metadata.signature }
    /// The backend that registered the loop (`scalar`, `sleef`, …).
    public var backend: String { metadata.backend }
    /// The instruction set the loop runs on (`baseline`, `sse2`, `avx2`, `avx512f`).
    public var instructionSet: String { metadata.instructionSet }
    public var stridePolicy: StridePolicy { metadata.stridePolicy }
    /// The claimed maximum error in ULP for inexact functions; `nil` for exactly-rounded results.
    public var maxULPError: Double? { metadata.maxULPError }
    /// A rough cost per element in nanoseconds, used to decide when threads pay off.
    public var costPerElement: Double { metadata.costPerElement }
    public init(
        signature: LoopSignature,
        function: InnerLoopFunction,
        data: UnsafeMutableRawPointer? = nil,
        backend: String,
        instructionSet: String = "baseline",
        stridePolicy: StridePolicy = .anyStride,
        maxULPError: Double? = nil,
        costPerElement: Double = 0.5,
        dataOwner: AnyObject? = nil,
        wrapping wrapped: InnerLoop? = nil
    ) {
        self.function = function
        self.data = data
        self.metadata = InnerLoopMetadata(
            signature: signature, backend: backend, instructionSet: instructionSet, stridePolicy: stridePolicy,
            maxULPError: maxULPError, costPerElement: costPerElement, dataOwner: dataOwner, wrapped: wrapped
        )
    }

    /// What keeps ``data`` alive: an object that frees it when the last copy of this loop
    /// (in a registry, a resolution cache or a call in flight) is gone. `nil` for static data.
    public var dataOwner: AnyObject? { metadata.dataOwner }

    /// The loop this one wraps (a threading backend wraps the loop it splits), if any.
    public var wrapped: InnerLoop? { metadata.wrapped }

    /// What a reduction call of the loop (NumPy's `IS_BINARY_REDUCE`: the first input is
    /// the output, both at stride 0) computes, as far as the machinery may rely on it
    /// when it splits a reduction across threads.
    package enum ReductionContract: Sendable, Equatable {
        /// Nothing beyond the loop's result: a parallel reduction must make exactly the
        /// calls of the sequential walk.
        case unspecified
        /// `out = out + s`, where `s` is NumPy's pairwise sum of the run: eight
        /// interleaved accumulators up to 128 elements, halves cut at a multiple of 8
        /// above, runs under 8 added in order from −0.0. A parallel sum may then reduce
        /// calls, or leaves of a call's pairwise tree, into partials and add them in
        /// order, bit for bit the sequential result.
        case pairwiseSum
    }

    /// The loop's ``ReductionContract``; a wrapping loop (a threading backend's) keeps
    /// the contract of the loop it wraps, whose reduction calls it passes on unsplit.
    package var reductionContract: ReductionContract {
        metadata.reductionContract ?? wrapped?.reductionContract ?? .unspecified
    }

    /// This loop, stating `contract` for its reduction calls.
    package func stating(_ contract: ReductionContract) -> InnerLoop {
        InnerLoop(function: function, data: data, metadata: metadata.stating(contract))
    }

    private init(function: InnerLoopFunction, data: UnsafeMutableRawPointer?, metadata: InnerLoopMetadata) {
        self.function = function
        self.data = data
        self.metadata = metadata
    }

    /// Calls the loop on one run.
    @inline(__always)
    func callAsFunction(_ args: UnsafePointer<UnsafeMutableRawPointer?>, _ count: Int, _ steps: UnsafePointer<Int>) {
        function(args, count, steps, data)
    }

    public var description: String {
        var text = "\(signature) [\(backend), \(instructionSet)"
        if stridePolicy == .contiguousOnly { text += ", contiguous only" }
        if let ulp = maxULPError { text += ", ≤\(ulp) ULP" }
        text += "]"
        if let wrapped { text += " wrapping \(wrapped)" }
        return text
    }
}

private final class InnerLoopMetadata: @unchecked Sendable {
    let signature: LoopSignature
    let backend: String
    let instructionSet: String
    let stridePolicy: InnerLoop.StridePolicy
    let maxULPError: Double?
    let costPerElement: Double
    let dataOwner: AnyObject?
    let wrapped: InnerLoop?
    /// `nil`: not stated (a wrapper then reports its wrapped loop's).
    let reductionContract: InnerLoop.ReductionContract?

    init(
        signature: LoopSignature, backend: String, instructionSet: String, stridePolicy: InnerLoop.StridePolicy,
        maxULPError: Double?, costPerElement: Double, dataOwner: AnyObject?, wrapped: InnerLoop?,
        reductionContract: InnerLoop.ReductionContract? = nil
    ) {
        self.reductionContract = reductionContract
        self.dataOwner = dataOwner
        self.signature = signature
        self.backend = backend
        self.instructionSet = instructionSet
        self.stridePolicy = stridePolicy
        self.maxULPError = maxULPError
        self.costPerElement = costPerElement
        self.wrapped = wrapped
    }

    func stating(_ contract: InnerLoop.ReductionContract) -> InnerLoopMetadata {
        InnerLoopMetadata(
            signature: signature, backend: backend, instructionSet: instructionSet, stridePolicy: stridePolicy,
            maxULPError: maxULPError, costPerElement: costPerElement, dataOwner: dataOwner, wrapped: wrapped,
            reductionContract: contract
        )
    }
}
