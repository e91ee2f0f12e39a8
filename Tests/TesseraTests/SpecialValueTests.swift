import Foundation
import Testing
import Tessera
@testable import TesseraCore
import _TesseraTestSupport

/// IEEE special values for every float function: NaN, ±inf, ±0, the smallest subnormals,
/// the largest finite values, domain edges and exact cases, under every backend
/// configuration and every SLEEF instruction set the CPU has, in float32 and float64
/// (float16 with the scalar backend). Results must equal NumPy's on the same inputs — NaN
/// for NaN, zeros with their sign, infinities exactly, other finite results bitwise for
/// exact loops and within the loop's ULP bound otherwise — and C99 Annex F where NumPy
/// agrees with it.
@Suite("Special values against NumPy and C99 Annex F", .serialized)
struct SpecialValueTests {
    static let unary: [UFunc] = [
        .sqrt, .cbrt, .exp, .exp2, .expm1, .log, .log2, .log10, .log1p,
        .sin, .cos, .tan, .arcsin, .arccos, .arctan, .sinh, .cosh, .tanh, .arcsinh, .arccosh, .arctanh,
        .deg2rad, .rad2deg, .floor, .ceil, .trunc, .rint, .spacing, .modf, .frexp,
        .negative, .positive, .absolute, .sign, .square, .reciprocal,
        .isnan, .isinf, .isfinite, .signbit,
    ]
    static let binary: [UFunc] = [
        .add, .subtract, .multiply, .divide, .floorDivide, .remainder, .fmod, .divmod,
        .power, .floatPower, .arctan2, .hypot, .logaddexp, .logaddexp2,
        .copysign, .nextafter, .heaviside, .maximum, .minimum, .fmax, .fmin,
    ]

    /// Special inputs of a float dtype; `short` is the set whose pairs feed binary functions.
    static func specials(_ dtype: DType, short: Bool = false) -> [Double] {
        let (tiny, normal, huge): (Double, Double, Double) = switch dtype {
        case .float16: (Double(Float16.leastNonzeroMagnitude), Double(Float16.leastNormalMagnitude), Double(Float16.greatestFiniteMagnitude))
        case .float32: (Double(Float.leastNonzeroMagnitude), Double(Float.leastNormalMagnitude), Double(Float.greatestFiniteMagnitude))
        default: (Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude)
        }
        let base: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, tiny, -tiny, huge, -huge, 1, -1, 2, -2, 0.5]
        if short { return base }
        return base + [normal, -normal, 2 * tiny, -0.5, 1.5, -1.5, 2.5, 3, 10, -10, 100, -100, 1000, 0x1p-30, Double.pi / 2]
    }

    /// `(name, registry, dtypes)`: the backend configurations, then scalar + SLEEF and
    /// scalar + SIMD at each instruction set this CPU runs.
    static func registries() throws -> [(String, LoopRegistry, [DType])] {
        var result: [(String, LoopRegistry, [DType])] = []
        for configuration in ["scalar", "sleef", "openmp", "all"] {
            let dtypes: [DType] = configuration == "scalar" ? [.float16, .float32, .float64] : [.float32, .float64]
            result.append((configuration, try Backends.makeRegistry(configuration), dtypes))
        }
        for isa in SLEEFBackend.InstructionSet.allCases where isa.isSupported {
            let registry = LoopRegistry()
            try ScalarBackend().install(into: registry)
            try SLEEFBackend(instructionSet: isa).install(into: registry)
            result.append(("scalar+sleef(\(isa.rawValue))", registry, [.float32, .float64]))
        }
        for level in InstructionSetLevel.allCases where SIMDBackend.supports(level) {
            let registry = LoopRegistry()
            try ScalarBackend().install(into: registry)
            try SIMDBackend(instructionSet: level).install(into: registry)
            result.append(("scalar+simd(\(level.rawValue))", registry, [.float32, .float64]))
        }
        return result
    }

    @Test("every float function on special values agrees with NumPy, every configuration and instruction set")
    func specialValuesAgreeWithNumPy() throws {
        #expect(SLEEFBackend.InstructionSet.sse2.isSupported && SLEEFBackend.InstructionSet.avx2.isSupported)
        print("SpecialValueTests: SLEEF instruction sets on this CPU: \(SLEEFBackend.InstructionSet.allCases.filter(\.isSupported).map(\.rawValue))")
        let batch = NumPyBatch()
        var cases: [(ufunc: UFunc, inputs: [NDArray], index: Int)] = []
        for dtype in [DType.float16, .float32, .float64] {
            let all = NDArray(Self.specials(dtype)).astype(dtype)
            let short = Self.specials(dtype, short: true)
            let x = NDArray(short.flatMap { a in short.map { _ in a } }).astype(dtype)
            let y = NDArray(short.flatMap { _ in short }).astype(dtype)
            for ufunc in Self.unary {
                cases.append((ufunc, [all], batch.add("np.\(ufunc.name)(x0)", [all])))
            }
            for ufunc in Self.binary where ufunc != .floatPower || dtype == .float64 {
                cases.append((ufunc, [x, y], batch.add("np.\(ufunc.name)(x0, x1)", [x, y])))
            }
        }
        let expected = try batch.run()
        var failures: [String] = []
        var checked = 0
        for (name, registry, dtypes) in try Self.registries() {
            try Backends.withRegistry(registry) {
                for c in cases where dtypes.contains(c.inputs[0].dtype) {
                    let loop = try #require(registry.loops(for: c.ufunc).first { $0.signature.inputs == c.inputs.map(\.dtype) }, "\(c.ufunc.name) has no \(c.inputs[0].dtype) loop under \(name)")
                    let outputs: [NDArray]
                    do {
                        outputs = try c.ufunc.call(c.inputs)
                    } catch {
                        failures.append("\(name) \(c.ufunc.name) \(c.inputs[0].dtype): threw \(error)")
                        continue
                    }
                    for (k, (output, reference)) in zip(outputs, expected[c.index]).enumerated() {
                        checked += output.size
                        if let problem = Self.compare(output, reference, ufunc: c.ufunc, inputs: c.inputs, bound: loop.maxULPError) {
                            failures.append("\(name) \(c.ufunc.name)\(outputs.count > 1 ? "[\(k)]" : "") \(c.inputs[0].dtype) [\(loop.backend)/\(loop.instructionSet)]: \(problem)")
                        }
                    }
                }
            }
        }
        print("SpecialValueTests: \(checked) results compared, \(failures.count) disagreements")
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    /// nil when `output` matches NumPy's: NaN for NaN, zeros and infinities bitwise, other
    /// finite values bitwise for exact loops, else within `bound` ULP of NumPy or of the
    /// Float80 reference.
    static func compare(_ output: NDArray, _ reference: NumPyBatch.Output, ufunc: UFunc, inputs: [NDArray], bound: Double?) -> String? {
        guard output.dtype.isFloatingPoint else { return differenceFromNumPy(output, reference) }
        if let error = reference.error { return "NumPy raised \(error)" }
        // Where NumPy's result depends on its CPU path (the sign of a zero from the float
        // extrema), Tessera's own rule is checked exactly in CPUIndependentRulesTests.
        if let slack = NumPyPathSlack.forUFunc(ufunc.name, input: output.dtype) {
            return differenceFromNumPy(output, reference, slack: slack)
        }
        guard output.dtype == (try? DType(parsing: reference.dtype)), output.shape == reference.shape else {
            return differenceFromNumPy(output, reference)
        }
        let numpy = NDArray(uninitializedShape: output.shape, dtype: output.dtype)
        reference.bytes.withUnsafeBytes { numpy.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: numpy.nbytes) }
        let actual = output.astype(.float64).toArray(Double.self)
        let expected = numpy.astype(.float64).toArray(Double.self)
        let arguments = inputs.map { $0.astype(.float64).toArray(Double.self) }
        for i in actual.indices {
            let t = actual[i], n = expected[i]
            let at = "\(ufunc.name)(\(arguments.map { "\($0[i])" }.joined(separator: ", ")))"
            if n.isNaN {
                if t.isNaN { continue }
                return "\(at) = \(t), NumPy NaN"
            }
            if n.isInfinite || n == 0 || bound == nil {
                if t.bitPattern == n.bitPattern { continue }
                return "\(at) = \(t), NumPy \(n)"
            }
            if DifferentialJudge.ulps(t, n, output.dtype) <= bound! { continue }
            if let f = DifferentialJudge.reference80[ufunc.name] {
                let exact = f(arguments.map { Float80($0[i]) })
                if DifferentialJudge.ulpError(t, exact: exact, output.dtype) <= bound! + DifferentialJudge.referenceSlack { continue }
                return "\(at) = \(t), NumPy \(n), exact \(exact) (bound \(bound!) ULP)"
            }
            return "\(at) = \(t), NumPy \(n) (bound \(bound!) ULP, no reference)"
        }
        return nil
    }

    // MARK: C99 Annex F

    /// `(function, inputs, Annex F result)`; `pi` stands for π/2, π/4 and friends rounded
    /// to the dtype.
    static let annexF: [(String, [Double], Double)] = {
        let inf = Double.infinity, nan = Double.nan, pi = Double.pi
        var table: [(String, [Double], Double)] = []
        func add(_ name: String, _ x: [Double], _ r: Double) { table.append((name, x, r)) }
        for z in [0.0, -0.0] {
            for f in ["sqrt", "cbrt", "expm1", "log1p", "sin", "tan", "arcsin", "arctan", "sinh", "tanh", "arcsinh", "arctanh", "floor", "ceil", "trunc", "rint"] {
                add(f, [z], z)
            }
            for f in ["exp", "exp2", "cos", "cosh"] { add(f, [z], 1) }
            for f in ["log", "log2", "log10"] { add(f, [z], -inf) }
            add("power", [3, z], 1); add("power", [nan, z], 1)
            add("arctan2", [z, 0.0], z); add("arctan2", [z, -0.0], z.sign == .minus ? -pi : pi)
            add("arctan2", [z, 2], z); add("arctan2", [z, -2], z.sign == .minus ? -pi : pi)
            add("fmod", [z, 3], z); add("hypot", [-3, z], 3)
            add("absolute", [z], 0)
        }
        for s in [1.0, -1.0] {
            let x = s * inf
            for f in ["cbrt", "sinh", "arcsinh", "floor", "ceil", "trunc", "rint"] { add(f, [x], x) }
            add("tanh", [x], s); add("cosh", [x], inf); add("arctan", [x], s * pi / 2)
            for f in ["sin", "cos", "tan"] { add(f, [x], nan) }
            add("arctanh", [s], x); add("arcsin", [2 * s], nan); add("arccos", [2 * s], nan); add("arctanh", [2 * s], nan)
            add("arctan2", [x, inf], s * pi / 4); add("arctan2", [x, -inf], s * 3 * pi / 4)
            add("arctan2", [2 * s, -inf], s < 0 ? -pi : pi); add("arctan2", [x, 2], s * pi / 2)
            add("hypot", [x, nan], inf); add("hypot", [nan, x], inf)
            add("fmod", [x, 3], nan); add("fmod", [2, x], 2)
            add("power", [-1, x], 1); add("power", [1, x], 1)
            add("absolute", [x], inf)
        }
        add("exp", [inf], inf); add("exp", [-inf], 0); add("exp2", [inf], inf); add("exp2", [-inf], 0)
        add("expm1", [inf], inf); add("expm1", [-inf], -1)
        for f in ["log", "log2", "log10"] { add(f, [1], 0); add(f, [inf], inf); add(f, [-1], nan); add(f, [-inf], nan) }
        add("log1p", [-1], -inf); add("log1p", [-2], nan); add("log1p", [inf], inf)
        add("sqrt", [inf], inf); add("sqrt", [-1], nan); add("sqrt", [-inf], nan); add("sqrt", [4], 2)
        add("arccos", [1], 0); add("arccosh", [1], 0); add("arccosh", [0.5], nan); add("arccosh", [inf], inf)
        add("power", [1, nan], 1); add("power", [0.0, -inf], inf); add("power", [0.5, inf], 0); add("power", [2, inf], inf)
        add("power", [0.5, -inf], inf); add("power", [2, -inf], 0); add("power", [inf, -2], 0); add("power", [inf, 2], inf)
        add("power", [-inf, 3], -inf); add("power", [-inf, -3], -0.0); add("power", [0.0, -3], inf); add("power", [-0.0, -3], -inf)
        add("power", [-0.0, 3], -0.0); add("power", [-2, 0.5], nan)
        add("fmod", [2, 0], nan); add("nextafter", [0, 1], .leastNonzeroMagnitude); add("nextafter", [2, 2], 2)
        add("ceil", [-0.5], -0.0); add("trunc", [-0.5], -0.0); add("rint", [-0.5], -0.0); add("rint", [2.5], 2); add("floor", [0.5], 0)
        add("logaddexp", [-inf, -inf], -inf); add("logaddexp", [inf, inf], inf); add("logaddexp2", [-inf, -inf], -inf)
        return table
    }()

    /// The Annex F value in `dtype` (π-multiples and the smallest subnormal rounded to it).
    static func annexValue(_ value: Double, _ name: String, _ dtype: DType) -> Double {
        if name == "nextafter", value == .leastNonzeroMagnitude {
            return dtype == .float16 ? Double(Float16.leastNonzeroMagnitude) : dtype == .float32 ? Double(Float.leastNonzeroMagnitude) : value
        }
        return NDArray(scalar: value).astype(dtype).item(Double.self)
    }

    @Test("C99 Annex F special cases, where NumPy agrees, every configuration and instruction set")
    func annexFSpecialCases() throws {
        let batch = NumPyBatch()
        var cases: [(name: String, dtype: DType, inputs: [NDArray], annex: Double, index: Int)] = []
        for dtype in [DType.float16, .float32, .float64] {
            for (name, x, r) in Self.annexF where name != "float_power" {
                let inputs = x.map { NDArray(scalar: $0).astype(dtype).reshaped([1]) }
                let index = batch.add("np.\(name)(\(inputs.indices.map { "x\($0)" }.joined(separator: ", ")))", inputs)
                cases.append((name, dtype, inputs, Self.annexValue(r, name, dtype), index))
            }
        }
        let expected = try batch.run()
        func same(_ a: Double, _ b: Double) -> Bool { (a.isNaN && b.isNaN) || a.bitPattern == b.bitPattern }
        var numpyDiffers: [String] = []
        var failures: [String] = []
        for (name, registry, dtypes) in try Self.registries() {
            try Backends.withRegistry(registry) {
                for c in cases where dtypes.contains(c.dtype) {
                    let reference = expected[c.index][0]
                    let numpy = reference.error == nil
                        ? reference.bytes.withUnsafeBytes { bytes -> Double in
                            switch c.dtype {
                            case .float16: Double(bytes.loadUnaligned(as: Float16.self))
                            case .float32: Double(bytes.loadUnaligned(as: Float.self))
                            default: bytes.loadUnaligned(as: Double.self)
                            }
                        } : Double.nan
                    let label = "\(c.name)(\(c.inputs.map { "\($0.item(Double.self))" }.joined(separator: ", "))) \(c.dtype)"
                    if !same(numpy, c.annex) {
                        if name == "scalar" { numpyDiffers.append("\(label): Annex F \(c.annex), NumPy \(numpy)") }
                        continue
                    }
                    let ufunc = try UFunc.named(c.name)
                    let result = try ufunc.call(c.inputs)[0].astype(.float64).item(Double.self)
                    if !same(result, c.annex) {
                        let loop = registry.loops(for: ufunc).first { $0.signature.inputs == c.inputs.map(\.dtype) }
                        failures.append("\(name) \(label) = \(result); Annex F and NumPy: \(c.annex) [\(loop.map { "\($0.backend)/\($0.instructionSet)" } ?? "?")]")
                    }
                }
            }
        }
        print("SpecialValueTests: \(cases.count) Annex F cases per configuration; NumPy differs from Annex F on \(numpyDiffers.count): \(numpyDiffers.joined(separator: "; "))")
        #expect(numpyDiffers.count < cases.count / 10, "NumPy disagrees with most of the table: the table is wrong")
        #expect(failures.isEmpty, "\(failures.count) Annex F cases differ:\n\(failures.prefix(40).joined(separator: "\n"))")
    }
}
