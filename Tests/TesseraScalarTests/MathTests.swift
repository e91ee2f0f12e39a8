import Foundation
import Testing
import Tessera
import _TesseraTestSupport

// Every math loop of the scalar backend against NumPy on the same inputs: random values
// spread over the domain plus special values (±0, ±inf, NaN, subnormals, extremes,
// domain edges, integer extremes). Inputs travel to NumPy as raw little-endian bytes.
// Exact functions, every complex loop (glibc, as NumPy) and every bool/integer output
// must agree bitwise (NaN = NaN);
// inexact ones within the loop's stated bound plus NumPy's own (its SIMD/SVML loops
// promise ≤ 4 ULP), zeros with the same sign, infinities and NaN exactly.

let mathUFuncNames = [
    "sqrt", "cbrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "logaddexp", "logaddexp2",
    "power", "float_power", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2", "hypot",
    "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "deg2rad", "rad2deg", "floor", "ceil",
    "trunc", "rint", "isnan", "isinf", "isfinite", "signbit", "copysign", "nextafter", "spacing",
    "ldexp", "frexp", "modf", "heaviside", "gcd", "lcm", "conjugate",
]

/// NumPy's own tolerance for its vectorised transcendental loops.
let numpyULPBound = 4.0

struct MathColumn {
    let code: Character
    let array: NDArray
    let bytes: Data
}

func mathColumn<T: NDArrayElement>(_ values: [T], _ code: Character) -> MathColumn {
    MathColumn(code: code, array: NDArray(values, shape: [values.count]), bytes: values.withUnsafeBytes { Data($0) })
}

func mathFloats<T: BinaryFloatingPoint>(_ n: Int, _ rng: inout SeededGenerator, fromBits: (UInt64) -> T) -> [T] {
    var values: [T] = [
        0, -0.0, .infinity, -.infinity, .nan, -T.nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
        .leastNormalMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        1, -1, 0.5, -0.5, 2, -2, 3, 10, -10, 0.1, 1e-3, -1e-4, T.pi / 2, T.pi, -T.pi, 88, 89, 709, 710, -745,
        T(1).nextUp, T(1).nextDown, -T(1).nextDown, T(0.5).nextUp, 1.5, 2.5, -2.5, 0.49999, 1e4, 65504, 65520,
        T.leastNormalMagnitude.nextDown, 1024, -1024, 128, -150, 16, 15.5,
    ]
    while values.count < n {
        let pick = values.count % 4
        switch pick {
        case 0: values.append(fromBits(rng.next()))
        case 1: values.append(T(Double.random(in: -4...4, using: &rng)))
        case 2: values.append(T(Double.random(in: -1...1, using: &rng)))
        default:
            let magnitude = Foundation.exp2(Double.random(in: -30...30, using: &rng))
            values.append(T(Bool.random(using: &rng) ? magnitude : -magnitude))
        }
    }
    return values
}

func mathIntegers<T: FixedWidthInteger>(_ n: Int, _ rng: inout SeededGenerator) -> [T] {
    var values: [T] = [0, 1, 2, 3, T.max, T.max - 1, T.min, T.min &+ 1, 12, 18, 64, 100]
    if T.isSigned { values += [0 &- 1, 0 &- 2, 0 &- 12] }
    while values.count < n {
        if values.count % 2 == 0 {
            values.append(T(truncatingIfNeeded: rng.next()))
        } else {
            values.append(T(truncatingIfNeeded: Int.random(in: (T.isSigned ? -9 : 0)...70, using: &rng)))
        }
    }
    return values
}

func mathInput(_ code: Character, _ n: Int, _ rng: inout SeededGenerator) -> MathColumn {
    switch code {
    case "?": return mathColumn((0..<n).map { _ in Bool.random(using: &rng) }, code)
    case "b": return mathColumn(mathIntegers(n, &rng) as [Int8], code)
    case "B": return mathColumn(mathIntegers(n, &rng) as [UInt8], code)
    case "h": return mathColumn(mathIntegers(n, &rng) as [Int16], code)
    case "H": return mathColumn(mathIntegers(n, &rng) as [UInt16], code)
    case "i": return mathColumn(mathIntegers(n, &rng) as [Int32], code)
    case "I": return mathColumn(mathIntegers(n, &rng) as [UInt32], code)
    case "l": return mathColumn(mathIntegers(n, &rng) as [Int64], code)
    case "L": return mathColumn(mathIntegers(n, &rng) as [UInt64], code)
    case "e": return mathColumn(mathFloats(n, &rng) { Float16(bitPattern: UInt16(truncatingIfNeeded: $0)) }, code)
    case "f": return mathColumn(mathFloats(n, &rng) { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }, code)
    case "d": return mathColumn(mathFloats(n, &rng) { Double(bitPattern: $0) }, code)
    case "F":
        var re = mathFloats(n, &rng) { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }
        re.shuffle(using: &rng)
        let im = mathFloats(n, &rng) { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }
        return mathColumn(zip(re, im).map { Complex($0, $1) }, code)
    case "D":
        var re = mathFloats(n, &rng) { Double(bitPattern: $0) }
        re.shuffle(using: &rng)
        let im = mathFloats(n, &rng) { Double(bitPattern: $0) }
        return mathColumn(zip(re, im).map { Complex($0, $1) }, code)
    default: preconditionFailure("no generator for \(code)")
    }
}

func mathBytes(_ array: NDArray, _ code: Character) -> Data {
    func raw<T: NDArrayElement>(_: T.Type) -> Data { array.toArray(T.self).withUnsafeBytes { Data($0) } }
    switch code {
    case "?": return raw(Bool.self)
    case "b": return raw(Int8.self)
    case "B": return raw(UInt8.self)
    case "h": return raw(Int16.self)
    case "H": return raw(UInt16.self)
    case "i": return raw(Int32.self)
    case "I": return raw(UInt32.self)
    case "l": return raw(Int64.self)
    case "L": return raw(UInt64.self)
    case "e": return raw(Float16.self)
    case "f": return raw(Float.self)
    case "d": return raw(Double.self)
    case "F": return raw(Complex<Float>.self)
    case "D": return raw(Complex<Double>.self)
    default: preconditionFailure("no reader for \(code)")
    }
}

/// Largest disagreement in ULP between real results, or infinity for a special-value mismatch.
/// `scale` (complex parts) measures ULP at the larger part's magnitude.
func mathDisagreement<T: BinaryFloatingPoint>(_ ours: T, _ theirs: T, exact: Bool, scale: T? = nil, distance: (T, T) -> Double) -> Double {
    if ours.isNaN || theirs.isNaN { return ours.isNaN && theirs.isNaN ? 0 : .infinity }
    if exact { return ours.bitPattern_ == theirs.bitPattern_ ? 0 : .infinity }
    if ours == theirs { return ours == 0 && ours.sign != theirs.sign && scale == nil ? .infinity : 0 }
    if ours.isInfinite || theirs.isInfinite { return .infinity }
    if let scale, scale.isFinite, scale > 0 {
        return Double(abs(ours - theirs) / scale.ulp)
    }
    return distance(ours, theirs)
}

extension BinaryFloatingPoint {
    /// Sign, exponent and significand, for bitwise comparison of any binary float.
    var bitPattern_: [UInt64] { [sign == .minus ? 1 : 0, UInt64(exponentBitPattern), UInt64(significandBitPattern)] }
}

/// Compares one output column; returns (max ULP disagreement, first bad index or nil).
func compareMath(_ ours: Data, _ theirs: Data, code: Character, exact: Bool, tolerance: Double) -> (Double, Int?) {
    var worst = 0.0
    var firstBad: Int? = nil
    func note(_ i: Int, _ d: Double) {
        worst = Swift.max(worst, d)
        if d > tolerance && firstBad == nil { firstBad = i }
    }
    func floats<T: BinaryFloatingPoint>(_: T.Type, _ distance: @escaping (T, T) -> Double) {
        let a = ours.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
        let b = theirs.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
        for i in a.indices { note(i, mathDisagreement(a[i], b[i], exact: exact, distance: distance)) }
    }
    func complexes<T: BinaryFloatingPoint>(_: T.Type, _ distance: @escaping (T, T) -> Double) {
        let a = ours.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
        let b = theirs.withUnsafeBytes { Array($0.bindMemory(to: T.self)) }
        for i in stride(from: 0, to: a.count, by: 2) {
            let scale = Swift.max(abs(b[i]), abs(b[i + 1]))
            let d = Swift.max(
                mathDisagreement(a[i], b[i], exact: exact, scale: scale, distance: distance),
                mathDisagreement(a[i + 1], b[i + 1], exact: exact, scale: scale, distance: distance))
            note(i / 2, d)
        }
    }
    switch code {
    case "e": floats(Float16.self, ulpDistance)
    case "f": floats(Float.self) { ulpDistance($0, $1) }
    case "d": floats(Double.self) { ulpDistance($0, $1) }
    case "F": complexes(Float.self) { ulpDistance($0, $1) }
    case "D": complexes(Double.self) { ulpDistance($0, $1) }
    default:
        if ours != theirs {
            // The byte offset of the first difference (or -1 for a length mismatch).
            firstBad = zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1
            worst = .infinity
        }
    }
    return (worst, firstBad)
}

@Suite("Math ufuncs against NumPy")
struct MathTests {
    @Test("every math ufunc registers exactly NumPy's signatures")
    func signaturesMatchNumPy() throws {
        // The scalar backend alone: these tests are about its loops.
        try Backends.withBackends("scalar") { try signaturesMatchNumPyBody() }
    }

    private func signaturesMatchNumPyBody() throws {
        let numpy = try NumPyOracle.loopTypes(mathUFuncNames)
        for name in mathUFuncNames {
            let ufunc = try UFunc.named(name)
            #expect(Set(ufunc.types) == Set(numpy[name] ?? []), "\(name): ours \(ufunc.types), NumPy \(numpy[name] ?? [])")
            #expect(ufunc.loops.allSatisfy { $0.backend == "scalar" })
        }
    }

    @Test("every math loop agrees with NumPy on random and special values")
    func loopsAgreeWithNumPy() throws {
        // The scalar backend alone: these tests are about its loops.
        try Backends.withBackends("scalar") { try loopsAgreeWithNumPyBody() }
    }

    private func loopsAgreeWithNumPyBody() throws {
        let n = 4000
        var rng = SeededGenerator(seed: 0x7E55E7A)
        struct Job: Encodable {
            let name: String
            let sig: String
            let incodes: [String]
            let inputs: [String]
            let outputs: [String]
        }
        var jobs: [Job] = []
        var ours: [[Data]] = []
        var meta: [(name: String, sig: String, outs: [Character], bound: Double?)] = []
        for name in mathUFuncNames {
            let ufunc = try UFunc.named(name)
            for loop in ufunc.loops {
                let sig = loop.signature.description
                let parts = sig.split(separator: "-")
                let inCodes = Array(parts[0]), outCodes = Array(parts[1].dropFirst())
                let columns = inCodes.map { mathInput($0, n, &rng) }
                let results = try ufunc.call(columns.map(\.array), signature: sig)
                let tag = "\(name)-\(jobs.count)"
                var inputPaths: [String] = []
                for (k, column) in columns.enumerated() {
                    let path = NumPyOracle.temporaryPath("\(tag)-in\(k).bin")
                    try column.bytes.write(to: URL(fileURLWithPath: path))
                    inputPaths.append(path)
                }
                let outputPaths = outCodes.indices.map { NumPyOracle.temporaryPath("\(tag)-out\($0).bin") }
                jobs.append(Job(name: name, sig: sig, incodes: inCodes.map(String.init), inputs: inputPaths, outputs: outputPaths))
                ours.append(zip(results, outCodes).map { mathBytes($0, $1) })
                meta.append((name, sig, outCodes, loop.maxULPError))
            }
        }
        let jobsPath = NumPyOracle.temporaryPath("math-jobs.json")
        try JSONEncoder().encode(jobs).write(to: URL(fileURLWithPath: jobsPath))
        _ = try NumPyOracle.run("""
            import json
            jobs = json.load(open(\(String(reflecting: jobsPath))))
            with np.errstate(all='ignore'):
                for j in jobs:
                    ins = [np.fromfile(f, dtype=c) for f, c in zip(j['inputs'], j['incodes'])]
                    f = getattr(np, j['name'])
                    if j['name'] == 'power' and ins[1].dtype.kind == 'i':
                        # NumPy raises for negative integer exponents; Tessera documents 0.
                        neg = ins[1] < 0
                        r = f(ins[0], np.where(neg, 0, ins[1]).astype(ins[1].dtype), signature=j['sig'])
                        r[neg] = 0
                    else:
                        r = f(*ins, signature=j['sig'])
                    for k, out in enumerate(r if isinstance(r, tuple) else (r,)):
                        out.tofile(j['outputs'][k])
            """)
        var report: [String] = []
        for (index, job) in jobs.enumerated() {
            let (name, sig, outs, bound) = meta[index]
            for (k, code) in outs.enumerated() {
                let theirs = try fileContents(URL(fileURLWithPath: job.outputs[k]))
                // Complex loops call glibc's C99 functions as NumPy's do, or spell NumPy's own
                // formula (`nc_exp2`, `nc_expm1`, `nc_log1p`, `nc_log2`, `nc_log10`, `npy_cpow`'s
                // integer powers): NumPy's results bit for bit, special values included.
                let exact = bound == nil || !"efd".contains(code)
                let tolerance = exact ? 0 : bound! + numpyULPBound
                let (worst, bad) = compareMath(ours[index][k], theirs, code: code, exact: exact, tolerance: tolerance)
                if !exact { report.append("\(name) \(sig): \(worst) ULP from NumPy") }
                #expect(bad == nil, "\(name) \(sig) output \(k): element \(bad ?? -1) differs from NumPy (max \(worst) ULP, tolerance \(tolerance)); inputs \(job.inputs)")
            }
        }
        print("math loops vs NumPy (max ULP, inexact loops):\n  " + report.joined(separator: "\n  "))
    }

    @Test("free functions call the ufuncs, two-output ones return tuples")
    func freeFunctions() throws {
        // The scalar backend alone: these tests are about its loops.
        try Backends.withBackends("scalar") { try freeFunctionsBody() }
    }

    private func freeFunctionsBody() throws {
        let a = NDArray([0.25, -1.5, 3.0, 1e-300], shape: [2, 2])
        let expected = try NumPyOracle.json([[Double]].self, """
            a = np.array([0.25, -1.5, 3.0, 1e-300])
            m, e = np.frexp(a)
            f, i = np.modf(a)
            print(json.dumps([np.exp(a).tolist(), m.tolist(), e.astype(float).tolist(), f.tolist(), i.tolist(), np.hypot(a, 2.0).tolist()]))
            """)
        #expect(exp(a).toArray(Double.self) == expected[0])
        let (m, e) = frexp(a)
        #expect(m.toArray(Double.self) == expected[1])
        #expect(e.dtype == .int32)
        #expect(e.toArray(Int32.self).map(Double.init) == expected[2])
        let (fraction, integral) = modf(a)
        #expect(fraction.toArray(Double.self) == expected[3])
        #expect(integral.toArray(Double.self) == expected[4])
        #expect(hypot(a, 2.0).toArray(Double.self) == expected[5])
        #expect(sqrt(NDArray([Int8(4), 9], shape: [2])).dtype == .float16)  // e->e by safe casting, as NumPy
        #expect(power(NDArray([Int32(3)], shape: [1]), NDArray([Int32(-1)], shape: [1])).toArray(Int32.self) == [0])
    }
}
