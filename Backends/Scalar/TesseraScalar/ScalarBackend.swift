import TesseraCore

/// The portable pure-Swift backend: a loop for every ufunc and dtype NumPy supports.
///
/// It is always installed first; every other backend is checked against it. Its loops
/// compile for the x86-64 baseline (SSE2), and contiguous runs vectorise to that width.
public struct ScalarBackend: Backend {
    public init() {}

    public var name: String { "scalar" }
    public var summary: String { "portable Swift loops for every ufunc and dtype (the reference)" }

    public func probe() -> BackendAvailability { .available }

    public func install(into registry: LoopRegistry) throws {
        for entry in ScalarLoops.all {
            try registry.register(entry.loop, for: entry.ufunc)
        }
        try ScalarLoops.registerMatrixProducts(into: registry)
        ScalarSortLoops.register(into: registry.sortLoops)
        try ScalarLoops.registerLinalg(into: registry)
        // The core's casts, the reference every backend's cast loops are checked against.
        for source in DType.allCases {
            for destination in DType.allCases where destination != source {
                try registry.registerMethodLoop(referenceCastLoop(from: source, to: destination, backend: "scalar"), for: .cast)
            }
        }
    }

    public func runtimeInfo() -> [(key: String, value: String)] {
        [("instruction set", "baseline (x86-64 SSE2)"), ("loops", "\(ScalarLoops.all.count)")]
    }
}

/// One loop of the scalar backend's tables.
struct ScalarLoopEntry: @unchecked Sendable {
    let ufunc: UFunc
    let loop: InnerLoop

    init(
        _ ufunc: UFunc, _ signature: String, cost: Double, ulp: Double? = nil,
        reduction: InnerLoop.ReductionContract = .unspecified, _ function: InnerLoopFunction
    ) {
        self.ufunc = ufunc
        do {
            self.loop = InnerLoop(
                signature: try LoopSignature(signature),
                function: function,
                backend: "scalar",
                instructionSet: "baseline",
                stridePolicy: .anyStride,
                maxULPError: ulp,
                costPerElement: cost
            ).stating(reduction)
        } catch {
            fatalError("scalar loop table: \(error)")
        }
    }
}

/// The scalar backend's loop tables, one per family (generated: see `generate_loops.py`).
enum ScalarLoops {
    static let all: [ScalarLoopEntry] = arithmetic + minMax + comparison + logical + bitwise
        + exponential + trigonometric + rounding + floatBits + integerMath
}
