import BenchmarkKit
import Tessera

/// A case whose operation or layout this build of Tessera lacks: reported, not fatal.
struct Unavailable: Error, CustomStringConvertible {
    let description: String
    init(_ reason: String) { description = reason }
}

/// How a configuration's output must agree with the scalar configuration's.
enum Tolerance: Sendable, CustomStringConvertible {
    /// Bit for bit (exactly-rounded operations: arithmetic, sqrt, comparisons, casts, max).
    case exact
    /// Within this many ULP, element by element (the loops' `maxULPError` claims, summed).
    case ulp(Double)
    /// Within `bound · max|reference|` (sums and products whose order may change).
    case relative(Double)

    var description: String {
        switch self {
        case .exact: "exact"
        case .ulp(let u): "≤ \(Format.format3(u)) ULP"
        case .relative(let r): "relative \(r)"
        }
    }
}

/// A case made runnable: inputs built once, and a call that computes the output.
struct Workload {
    let id: CaseID
    let elements: Int
    let bytes: Int
    /// One call of the operation under the active configuration.
    let run: () throws -> NDArray
    /// What the timer calls: one call, returning a token that keeps its result observable
    /// (for most cases `run().size`; element access returns the element's bits).
    let call: () throws -> Int
    /// The loop that serves the case under the active configuration, if it is a ufunc loop.
    let loop: () -> InnerLoop?
    /// The tolerance against the scalar configuration, for the active configuration.
    let tolerance: () -> Tolerance
    /// A ufunc case's input arrays (empty for other families): what the accuracy check
    /// against a correctly rounded reference evaluates again (``CaseSession``).
    var operands: [NDArray] = []

    /// Builds the inputs of `id` from seeded random data (never zeros).
    /// - Throws: ``Unavailable`` for an op, dtype or layout this build cannot run.
    init(_ id: CaseID) throws {
        if id.family == .random {
            self = try Workload(randomCase: id)
            return
        }
        self.id = id
        var rng = SeededGenerator(seed: id.description)
        let n = id.n
        switch id.family {
        case .arithmetic, .comparison, .math:
            let ufunc: UFunc
            do { ufunc = try UFunc.named(id.op) } catch { throw Unavailable("no ufunc `\(id.op)` in this build") }
            let dtypes = try id.dtype.split(separator: "+").map { try Workload.dtype(String($0)) }
            let domain = Domain.forOp(id.op)
            var inputs: [NDArray] = []
            for index in 0..<ufunc.inputCount {
                let dtype = dtypes[min(index, dtypes.count - 1)]
                let inputDomain = id.op == "power" && index == 1 ? Domain(low: 0.5, high: 3, signed: false) : domain
                inputs.append(try Layouts.operand(index: index, of: ufunc.inputCount, layout: id.layout, n: n, dtype: dtype, domain: inputDomain, rng: &rng))
            }
            let frozen = inputs
            operands = inputs
            // The one-output spellings a user writes (`try UFunc.add(a, b)`, as `a + b`).
            switch frozen.count {
            case 1:
                let x = frozen[0]
                run = { try ufunc(x) }
            case 2:
                let x = frozen[0], y = frozen[1]
                run = { try ufunc(x, y) }
            default: run = { try ufunc.call(frozen)[0] }
            }
            let loopFor: () -> InnerLoop? = {
                let outputDType = dtypes.count > 1 || id.family == .comparison ? nil : dtypes[0]
                return ufunc.loops.first { loop in
                    zip(frozen, loop.signature.inputs).allSatisfy { $0.dtype.canCast(to: $1, casting: .safe) }
                        && (outputDType == nil || loop.signature.outputs.first == outputDType)
                }
            }
            loop = loopFor
            tolerance = {
                let configured = loopFor()?.maxULPError
                let reference = (try? Backends.withBackends("scalar") { loopFor()?.maxULPError }) ?? nil
                if configured == nil && reference == nil { return .exact }
                return .ulp((configured ?? 0) + (reference ?? 0))
            }
            let outputItem = id.family == .comparison ? 1 : dtypes.map(\.itemSize).max()!
            elements = n
            bytes = n * (inputs.map(\.itemSize).reduce(0, +) + outputItem)
        case .reduction:
            let dtype = try Workload.dtype(id.dtype)
            let (input, axis) = try Layouts.reductionInput(layout: id.layout, n: n, dtype: dtype, rng: &rng)
            let op = id.op
            run = { try Operations.reduce(op, input, axis: axis) }
            loop = { nil }
            tolerance = { ["sum", "mean", "prod"].contains(op) ? .relative(Double(n).squareRoot() * dtype.epsilon) : .exact }
            elements = n
            bytes = n * dtype.itemSize
        case .matmul:
            let dtype = try Workload.dtype(id.dtype)
            let gufunc: GUFunc
            do { gufunc = try GUFunc.named("matmul") } catch { throw Unavailable("no `matmul` in this build") }
            let a = Layouts.random([n, n], dtype: dtype, domain: Domain(low: 0.5, high: 1, signed: true), rng: &rng)
            let b = Layouts.random([n, n], dtype: dtype, domain: Domain(low: 0.5, high: 1, signed: true), rng: &rng)
            run = { try gufunc(a, b) }
            loop = { gufunc.loops.first { $0.signature.inputs.first == dtype } }
            tolerance = { .relative(Double(n) * dtype.epsilon) }
            elements = n * n
            bytes = 3 * n * n * dtype.itemSize
        case .linalg:
            let parts = try Workload.linalg(id, rng: &rng)
            run = parts.run
            loop = { nil }
            let fixed = parts.tolerance
            tolerance = { fixed }
            elements = parts.elements
            bytes = parts.bytes
        case .cast:
            let parts = id.dtype.components(separatedBy: "->")
            guard parts.count == 2 else { throw Unavailable("cast case `\(id)` needs a dtype `from->to`") }
            let source = try Workload.dtype(parts[0]), target = try Workload.dtype(parts[1])
            let input = try Layouts.operand(index: 0, of: 1, layout: id.layout, n: n, dtype: source, domain: Domain.forOp("astype"), rng: &rng)
            run = { input.astype(target) }
            loop = { nil }
            tolerance = { .exact }
            elements = n
            bytes = n * (source.itemSize + target.itemSize)
        case .sorting:
            let sorting = try SortingWorkload(id, rng: &rng)
            (run, elements, bytes) = (sorting.run, sorting.elements, sorting.bytes)
            loop = { nil }
            tolerance = { .exact }
        case .random:
            throw Unavailable("random cases are built by init(randomCase:)")
        case .multiarray:
            (run, elements, bytes) = try Workload.multiarray(id, rng: &rng)
            loop = { nil }
            tolerance = { .exact }
        case .other:
            switch id.op {
            case "getitem":
                let dtype = try Workload.dtype(id.dtype)
                guard dtype == .float64 else { throw Unavailable("getitem cases read float64") }
                let a = Layouts.random([4, 4], dtype: dtype, domain: Domain(low: 0.5, high: 100, signed: true), rng: &rng)
                run = { NDArray(scalar: a[1, 2] as Double) }
                call = { Int(truncatingIfNeeded: (a[1, 2] as Double).bitPattern) }
                loop = { nil }
                tolerance = { .exact }
                elements = 1
                bytes = dtype.itemSize
                return
            default:
                throw Unavailable("the harness does not know how to run `\(id.op)`")
            }
        }
        let run = self.run
        call = { try run().size }
    }

    static func dtype(_ name: String) throws -> DType {
        do { return try DType(parsing: name) } catch { throw Unavailable("unknown dtype `\(name)`") }
    }
}

extension DType {
    /// Machine epsilon of a float dtype (1 for integers: their results are exact anyway).
    var epsilon: Double {
        switch self {
        case .float16: 0.0009765625
        case .float32: Double(Float.ulpOfOne)
        case .float64: Double.ulpOfOne
        default: 1
        }
    }
}

/// Where random inputs lie: magnitudes in [low, high), with a random sign when `signed`.
/// Magnitudes are bounded away from zero, so inputs are never zero.
struct Domain {
    var low: Double
    var high: Double
    var signed: Bool

    static func forOp(_ op: String) -> Domain {
        switch op {
        case "log", "sqrt", "log2", "log10": Domain(low: 0.01, high: 100, signed: false)
        case "exp": Domain(low: 0.01, high: 20, signed: true)
        case "power": Domain(low: 0.1, high: 10, signed: false)
        case "sin", "cos", "tan": Domain(low: 0.01, high: 10, signed: true)
        case "tanh": Domain(low: 0.01, high: 5, signed: true)
        case "arctan": Domain(low: 0.01, high: 50, signed: true)
        case "expm1", "sinh", "exp2", "cosh": Domain(low: 0.01, high: 20, signed: true)
        case "arccosh": Domain(low: 1, high: 100, signed: false)
        case "log1p": Domain(low: 0.01, high: 100, signed: false)
        case "arcsin", "arccos", "arctanh": Domain(low: 0.01, high: 1, signed: true)
        case "equal": Domain(low: 1, high: 4, signed: false)
        case "astype": Domain(low: 1, high: 1000, signed: true)
        default: Domain(low: 0.5, high: 100, signed: true)
        }
    }
}

/// SplitMix64 seeded from the case id (FNV-1a), so every run and every configuration of
/// a case sees the same inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        state = hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
