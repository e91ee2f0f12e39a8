import Foundation
import Testing
import Tessera
import _TesseraTestSupport

// Tessera's rules where NumPy's result depends on its code path (Docs/NumPy.md, "Tessera's
// rules where NumPy depends on the CPU"):
//
// - float `maximum`/`minimum`/`fmax`/`fmin` order −0.0 < +0.0 (IEEE 754-2019 maximum,
//   minimum, maximumNumber, minimumNumber), so which zero they return never depends on
//   operand order, layout, threads or CPU; reductions return +0.0 (max) / −0.0 (min) when
//   any such zero is present;
// - complex `multiply`/`square` round each real product (no fused multiply-add), and
//   complex `absolute` is C's `hypot` of the two parts.
//
// Each rule is written here a second time, independently, in NumPy's own CPU-independent
// operations (elementwise real multiply/subtract/add, `where`, `signbit`, `hypot`, each
// exactly rounded on every CPU), and Tessera's results must equal it bit for bit on every
// layout and backend configuration. The live NumPy ufunc is compared too, within the slack
// its own code paths need (`NumPyPathSlack`).

/// Tessera's rules as NumPy code (Python). `rules[name]` has `__call__` (with `out=` and
/// `where=`), `reduce` and `accumulate` with NumPy's argument names.
let tesseraRulesInNumPy = """
def _pair(x, y):
    dt = np.result_type(x, y)
    return np.asarray(x).astype(dt), np.asarray(y).astype(dt)

def _select(name, x, y):
    x, y = _pair(x, y)
    larger = name in ('maximum', 'fmax')
    value = getattr(np, name)(x, y)
    if larger:
        tie = np.where(np.signbit(x), y, x)
    else:
        tie = np.where(np.signbit(x), x, y)
    return np.where(x == y, tie, value)

def _complex(name, x, y=None):
    if y is None:
        x = np.asarray(x)
        a, b = x.real, x.imag
        if name == 'absolute':
            return np.hypot(a, b)
        r = np.empty(x.shape, x.dtype)
        r.real = a * a - b * b
        r.imag = a * b + b * a
        return r
    x, y = np.broadcast_arrays(*_pair(x, y))
    a, b, c, d = x.real, x.imag, y.real, y.imag
    r = np.empty(x.shape, x.dtype)
    r.real = a * c - b * d
    r.imag = a * d + b * c
    return r

class _Rule:
    def __init__(self, name):
        self.name = name
    def _apply(self, x, y=None):
        if self.name in ('maximum', 'minimum', 'fmax', 'fmin'):
            return _select(self.name, x, y)
        return _complex(self.name, x, y)
    def __call__(self, x, y=None, out=None, where=True):
        r = self._apply(x, y)
        if out is None:
            return r
        np.copyto(out, r, casting='unsafe', where=where)
        return out
    def accumulate(self, x, axis=0):
        x = np.moveaxis(np.asarray(x), axis, 0)
        out = np.empty_like(x)
        for i in range(len(x)):
            out[i] = x[0] if i == 0 else self._apply(out[i - 1], x[i])
        return np.moveaxis(out, 0, axis)
    def reduce(self, x, axis=0):
        x = np.asarray(x)
        if self.name == 'multiply':
            # NumPy (and Tessera) start a reduction from the identity, 1, in index order.
            x = np.moveaxis(x, axis, 0)
            out = np.ones(x.shape[1:], x.dtype)
            for i in range(len(x)):
                out = self._apply(out, x[i])
            return out
        value = getattr(np, self.name).reduce(x, axis=axis)
        larger = self.name in ('maximum', 'fmax')
        wanted = (x == 0) & (~np.signbit(x) if larger else np.signbit(x))
        zero = np.where(np.any(wanted, axis=axis), 0.0 if larger else -0.0, -0.0 if larger else 0.0).astype(x.dtype)
        return np.where(value == 0, zero, value)

rules = {n: _Rule(n) for n in ('maximum', 'minimum', 'fmax', 'fmin', 'multiply', 'square', 'absolute')}
"""

/// Values that make ties between +0.0 and −0.0 common.
private func tieValues<T: BinaryFloatingPoint>(_ count: Int, _ rng: inout SeededGenerator, as _: T.Type) -> [T] {
    let pool: [T] = [0, -0.0, 0, -0.0, 0, -0.0, 1, -1, .nan, .infinity, -.infinity]
    return (0..<count).map { _ in pool.randomElement(using: &rng)! }
}

/// Values whose complex products round differently with and without FMA.
private func complexParts(_ count: Int, _ rng: inout SeededGenerator) -> [Double] {
    let specials: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 1e308, -1e308, 1e-310, 3.4e38, 1e-40]
    return (0..<count).map { _ in
        if Int.random(in: 0..<12, using: &rng) == 0 { return specials.randomElement(using: &rng)! }
        return Double.random(in: -1...1, using: &rng) * Foundation.exp2(Double(Int.random(in: -8...8, using: &rng)))
    }
}



@Suite("Tessera's rules where NumPy depends on the CPU: signed zeros of extrema, complex rounding", .serialized)
struct CPUIndependentRulesTests {
    /// One ufunc call in both libraries: a NumPy expression over `x0, x1, …` (through
    /// `np.<ufunc>`) and the same in Swift.
    struct CallCase {
        let numpy: String
        let inputs: [NDArray]
        let swift: ([NDArray]) throws -> NDArray

        /// The ufunc the expression calls.
        var ufunc: String {
            let name = numpy.dropFirst(3).prefix { $0.isLetter || $0 == "_" }
            return String(name)
        }

        /// The same expression with Tessera's rule in place of NumPy's ufunc.
        var rule: String { numpy.replacingOccurrences(of: "np.\(ufunc)", with: "rules['\(ufunc)']") }
    }

    static func signedZeros(_ dtype: DType, _ shape: [Int], _ rng: inout SeededGenerator) -> NDArray {
        let count = shape.reduce(1, *)
        switch dtype {
        case .float16: return NDArray(tieValues(count, &rng, as: Float16.self), shape: shape)
        case .float32: return NDArray(tieValues(count, &rng, as: Float.self), shape: shape)
        case .float64: return NDArray(tieValues(count, &rng, as: Double.self), shape: shape)
        case .int16: return NDArray((0..<count).map { _ in Int16.random(in: -1...1, using: &rng) }, shape: shape)
        case .complex64, .complex128:
            let parts = complexParts(2 * count, &rng)
            let values = (0..<count).map { Complex<Double>(parts[2 * $0], parts[2 * $0 + 1]) }
            return NDArray(values, shape: shape).astype(dtype)
        default: preconditionFailure("no generator for \(dtype)")
        }
    }

    /// Runs every case under each configuration: bitwise equal to the rule, and equal to
    /// NumPy's ufunc within its path slack. Returns the failures.
    static func check(_ cases: [CallCase], configurations: [String]) throws -> [String] {
        let batch = NumPyBatch(preamble: tesseraRulesInNumPy)
        for c in cases {
            batch.add("np.asarray(\(c.numpy))", c.inputs)
            batch.add("np.asarray(\(c.rule))", c.inputs)
        }
        let expected = try batch.run()
        var failures: [String] = []
        for configuration in configurations {
            let registry = try Backends.makeRegistry(configuration)
            Backends.withRegistry(registry) {
                for (index, c) in cases.enumerated() {
                    let numpy = expected[2 * index][0], rule = expected[2 * index + 1][0]
                    let operands = c.inputs.map { "\($0.dtype)\($0.shape)" }
                    do {
                        let result = try c.swift(c.inputs)
                        if let difference = differenceFromNumPy(result, rule) {
                            failures.append("[\(configuration)] rule \(c.rule) \(operands): \(difference)")
                        }
                        var slack = NumPyPathSlack.forUFunc(c.ufunc, input: c.ufunc == "absolute" ? .complex128 : result.dtype)
                        if case .complexProduct = slack, c.numpy.contains(".reduce") || c.numpy.contains(".accumulate") {
                            // A reduction chains its products: the slack grows with their number.
                            slack = .complexProduct(products: c.inputs[0].shape.max() ?? 1)
                        }
                        if let difference = differenceFromNumPy(result, numpy, slack: slack) {
                            failures.append("[\(configuration)] NumPy \(c.numpy) \(operands): \(difference)")
                        }
                    } catch {
                        failures.append("[\(configuration)] \(c.numpy): Tessera threw \(error)")
                    }
                }
            }
        }
        return failures
    }

    @Test("fmax/fmin/maximum/minimum calls on every layout follow the rule for signed zeros", arguments: [DType.float16, .float32, .float64])
    func extremumCalls(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 31 + UInt64(dtype.itemSize))
        var cases: [CallCase] = []
        let s = Int?.none
        for name in ["fmax", "fmin", "maximum", "minimum"] {
            let f = try UFunc.named(name)
            for n in 1...70 {
                let a = Self.signedZeros(dtype, [2 * n], &rng), b = Self.signedZeros(dtype, [2 * n], &rng)
                let m = NDArray((0..<(2 * n)).map { _ in Bool.random(using: &rng) }, shape: [2 * n])
                let ints = Self.signedZeros(.int16, [n], &rng)
                let first = try a.indexed([.slice(0, n)]), second = try b.indexed([.slice(0, n)])
                cases += [
                    CallCase(numpy: "np.\(name)(x0[:\(n)], x1[:\(n)])", inputs: [a, b]) { _ in try f(first, second) },
                    CallCase(numpy: "np.\(name)(x0[::2], x1[::2])", inputs: [a, b]) { x in try f(x[0].indexed([.slice(s, s, 2)]), x[1].indexed([.slice(s, s, 2)])) },
                    CallCase(numpy: "np.\(name)(x0[::-2], x1[:\(n)])", inputs: [a, b]) { x in try f(x[0].indexed([.slice(s, s, -2)]), second) },
                    CallCase(numpy: "np.\(name)(x0[\(n):0:-1], x1[:\(n)])", inputs: [a, b]) { x in try f(x[0].indexed([.slice(n, 0, -1)]), second) },
                    CallCase(numpy: "np.\(name)(x0[:\(n)], -0.0)", inputs: [a]) { _ in try f(first, -0.0) },
                    CallCase(numpy: "np.\(name)(0.0, x0[:\(n)])", inputs: [a]) { _ in try f(0.0, first) },
                    CallCase(numpy: "np.\(name)(x0[:\(n)], x1[\(n)])", inputs: [a, b]) { x in try f(first, x[1].indexed([.index(n)])) },
                    CallCase(numpy: "np.\(name)(x0, x1, out=x0)", inputs: [a, b]) { x in try f.call([x[0], x[1]], out: [x[0]])[0] },
                    CallCase(numpy: "np.\(name)(x0[:\(n)], x1[:\(n)], out=x1[\(n)::-1][:\(n)])", inputs: [a, b]) { x in
                        try f.call([first, second], out: [x[1].indexed([.slice(n, s, -1)]).indexed([.slice(s, n)])])[0]
                    },
                    CallCase(numpy: "np.\(name)(x0, x1, out=x1.copy(), where=x2)", inputs: [a, b, m]) { x in try f.call([x[0], x[1]], out: [x[1].copy()], where: x[2])[0] },
                    CallCase(numpy: "np.\(name)(x0[:\(n)], x1)", inputs: [a, ints]) { x in try f(first, x[1]) },
                    CallCase(numpy: "np.\(name).reduce(x0[:\(n)])", inputs: [a]) { _ in try f.reduce(first) },
                    CallCase(numpy: "np.\(name).reduce(x0[::2])", inputs: [a]) { x in try f.reduce(x[0].indexed([.slice(s, s, 2)])) },
                    CallCase(numpy: "np.\(name).reduce(x0[::-1])", inputs: [a]) { x in try f.reduce(x[0].indexed([.slice(s, s, -1)])) },
                    CallCase(numpy: "np.\(name).accumulate(x0[:\(n)])", inputs: [a]) { _ in try f.accumulate(first) },
                ]
            }
            // Two dimensions: transposes, reversed axes, broadcasting, reductions along each axis.
            for (rows, columns) in [(3, 5), (4, 17), (7, 9), (2, 33), (16, 16), (1, 40), (40, 1)] {
                let a = Self.signedZeros(dtype, [rows, columns], &rng), b = Self.signedZeros(dtype, [columns, rows], &rng)
                let row = Self.signedZeros(dtype, [1, columns], &rng), column = Self.signedZeros(dtype, [rows, 1], &rng)
                cases += [
                    CallCase(numpy: "np.\(name)(x0, x1.T)", inputs: [a, b]) { x in try f(x[0], x[1].transposed()) },
                    CallCase(numpy: "np.\(name)(x0.T, x1)", inputs: [a, b]) { x in try f(x[0].transposed(), x[1]) },
                    CallCase(numpy: "np.\(name)(x0[::-1, ::-1], x1.T[:, ::-1])", inputs: [a, b]) { x in
                        try f(x[0].indexed([.slice(s, s, -1), .slice(s, s, -1)]), x[1].transposed().indexed([.all, .slice(s, s, -1)]))
                    },
                    CallCase(numpy: "np.\(name)(x0, x1)", inputs: [row, column]) { x in try f(x[0], x[1]) },
                    CallCase(numpy: "np.\(name)(x0[:, ::2], x1[:, ::2])", inputs: [a, row]) { x in try f(x[0].indexed([.all, .slice(s, s, 2)]), x[1].indexed([.all, .slice(s, s, 2)])) },
                    CallCase(numpy: "np.\(name).reduce(x0, axis=0)", inputs: [a]) { x in try f.reduce(x[0], axis: 0) },
                    CallCase(numpy: "np.\(name).reduce(x0, axis=1)", inputs: [a]) { x in try f.reduce(x[0], axis: 1) },
                    CallCase(numpy: "np.\(name).reduce(x0.T, axis=1)", inputs: [a]) { x in try f.reduce(x[0].transposed(), axis: 1) },
                    CallCase(numpy: "np.\(name).accumulate(x0, axis=1)", inputs: [a]) { x in try f.accumulate(x[0], axis: 1) },
                    CallCase(numpy: "np.\(name).accumulate(x0[::-1], axis=0)", inputs: [a]) { x in try f.accumulate(x[0].indexed([.slice(s, s, -1)]), axis: 0) },
                ]
            }
        }
        let failures = try Self.check(cases, configurations: ["scalar", "all"])
        #expect(failures.isEmpty, "\(failures.count) calls differ from NumPy:\n\(failures.prefix(25).joined(separator: "\n"))")
    }

    /// A random view of a fresh base array: strided and reversed axes, maybe transposed.
    struct RandomView {
        let base: NDArray
        let slices: [(start: Int, stop: Int?, step: Int)]
        let perm: [Int]?

        /// A view of exactly `shape` (after its transpose).
        init(_ dtype: DType, shape: [Int], _ rng: inout SeededGenerator) {
            let perm = shape.count > 1 && Bool.random(using: &rng) ? Array(0..<shape.count).shuffled(using: &rng) : nil
            var sliced = shape
            if let perm { for i in perm.indices { sliced[perm[i]] = shape[i] } }
            var baseShape: [Int] = [], slices: [(Int, Int?, Int)] = []
            for n in sliced {
                let step = [1, 1, 2, -1, -2, 3].randomElement(using: &rng)!
                let pad = Int.random(in: 0...2, using: &rng)
                let length = n * Swift.abs(step) + pad
                baseShape.append(length)
                if step > 0 {
                    let start = Int.random(in: 0...pad, using: &rng)
                    slices.append((start, start + n * step, step))
                } else {
                    let start = (n - 1) * -step + Int.random(in: 0..<(-step), using: &rng) + Int.random(in: 0...pad, using: &rng) / 2
                    let stop = start + n * step
                    slices.append((start, stop < 0 ? nil : stop, step))
                }
            }
            base = CPUIndependentRulesTests.signedZeros(dtype, baseShape, &rng)
            self.slices = slices
            self.perm = perm
        }

        init(base: NDArray, slices: [(start: Int, stop: Int?, step: Int)], perm: [Int]?) {
            self.base = base
            self.slices = slices
            self.perm = perm
        }

        func python(_ name: String) -> String {
            if slices.isEmpty { return name }
            let text = slices.map { "\($0.start):\($0.stop.map(String.init) ?? ""):\($0.step)" }.joined(separator: ", ")
            return "\(name)[\(text)]" + (perm.map { ".transpose(\($0.map(String.init).joined(separator: ", ")))" } ?? "")
        }

        func view(_ array: NDArray) throws -> NDArray {
            if slices.isEmpty { return array }
            let v = try array.indexed(slices.map { .slice($0.start, $0.stop, $0.step) })
            return perm.map { v.transposed(axes: $0) } ?? v
        }

        /// The shape before `perm` is applied (what `shape:` asked for).
        var shape: [Int] {
            let sliced = slices.map { s -> Int in
                let stop = s.stop ?? -1
                return s.step > 0 ? (stop - s.start + s.step - 1) / s.step : (s.start - stop + (-s.step) - 1) / -s.step
            }
            return perm.map { p in p.map { sliced[$0] } } ?? sliced
        }
    }

    @Test("fmax/fmin/maximum on random views, broadcasts, casts, out: and where: follow the rule")
    func randomLayouts() throws {
        var rng = SeededGenerator(seed: 61)
        var cases: [CallCase] = []
        for index in 0..<800 {
            let name = ["fmax", "fmin", "fmax", "maximum"].randomElement(using: &rng)!
            let f = try UFunc.named(name)
            let ndim = [1, 2, 2, 3, 3, 4].randomElement(using: &rng)!
            let shape = (0..<ndim).map { _ in [1, 2, 3, 5, 8, 9, 17].randomElement(using: &rng)! }
            let types: [DType] = [.float64, .float64, .float32, .float32, .float16, .int16]
            let first = RandomView(types.randomElement(using: &rng)!, shape: shape, &rng)
            // The second operand broadcasts: a suffix of the shape, some axes 1.
            var second = first.shape
            if Bool.random(using: &rng) {
                second = second.map { Int.random(in: 0..<4, using: &rng) == 0 ? 1 : $0 }
                second = Array(second.suffix(Int.random(in: 0...second.count, using: &rng)))
            }
            let other = RandomView(types.randomElement(using: &rng)!, shape: second, &rng)
            let resultShape = first.shape.count >= second.count ? first.shape : second
            var inputs = [first.base, other.base]
            var expression = "np.\(name)(\(first.python("x0")), \(other.python("x1"))"
            var out: RandomView? = nil, mask: RandomView? = nil
            if index % 4 == 1 {
                out = RandomView([.float64, .float32].randomElement(using: &rng)!, shape: resultShape, &rng)
                inputs.append(out!.base)
                expression += ", out=\(out!.python("x2"))"
            }
            if index % 8 == 3 {
                let maskView = RandomView(.int16, shape: resultShape, &rng)
                let maskBase = NDArray((0..<maskView.base.size).map { _ in Bool.random(using: &rng) }, shape: maskView.base.shape)
                mask = RandomView(base: maskBase, slices: maskView.slices, perm: maskView.perm)
                out = out ?? RandomView(.float64, shape: resultShape, &rng)
                if inputs.count == 2 {
                    inputs.append(out!.base)
                    expression += ", out=\(out!.python("x2"))"
                }
                inputs.append(maskBase)
                expression += ", where=\(mask!.python("x3"))"
            }
            expression += ")"
            let (firstView, otherView, outView, maskViewCopy) = (first, other, out, mask)
            cases.append(CallCase(numpy: expression, inputs: inputs) { x in
                let a = try firstView.view(x[0]), b = try otherView.view(x[1])
                let o = try outView.map { try $0.view(x[2]) }
                let m = try maskViewCopy.map { try $0.view(x[3]) }
                return try f.call([a, b], out: o.map { [$0] }, where: m)[0]
            })
        }
        let failures = try Self.check(cases, configurations: ["scalar", "all"])
        #expect(failures.isEmpty, "\(failures.count) calls differ from NumPy:\n\(failures.prefix(25).joined(separator: "\n"))")
    }

    @Test("large fmax/fmin/maximum calls split across threads follow the rule")
    func largeExtremumCalls() throws {
        var rng = SeededGenerator(seed: 41)
        var cases: [CallCase] = []
        let s = Int?.none
        for dtype in [DType.float32, .float64] {
            for name in ["fmax", "fmin", "maximum"] {
                let f = try UFunc.named(name)
                for n in [16_385, 20_001, 40_007] {
                    let a = Self.signedZeros(dtype, [2 * n], &rng), b = Self.signedZeros(dtype, [2 * n], &rng)
                    let first = try a.indexed([.slice(3, 3 + n)]), second = try b.indexed([.slice(1, 1 + n)])
                    cases += [
                        CallCase(numpy: "np.\(name)(x0[3:\(3 + n)], x1[1:\(1 + n)])", inputs: [a, b]) { _ in try f(first, second) },
                        CallCase(numpy: "np.\(name)(x0[::2], x1[1::2])", inputs: [a, b]) { x in try f(x[0].indexed([.slice(s, s, 2)]), x[1].indexed([.slice(1, s, 2)])) },
                        CallCase(numpy: "np.\(name)(x0[3:\(3 + n)], -0.0)", inputs: [a]) { _ in try f(first, -0.0) },
                        CallCase(numpy: "np.\(name).reduce(x0)", inputs: [a]) { x in try f.reduce(x[0]) },
                        CallCase(numpy: "np.\(name).reduce(x0[::3])", inputs: [a]) { x in try f.reduce(x[0].indexed([.slice(s, s, 3)])) },
                    ]
                }
            }
        }
        // Reductions whose result is a zero: the same zero however the work is split.
        for dtype in [DType.float16, .float32, .float64] {
            for (name, sign) in [("maximum", -1.0), ("fmax", -1.0), ("minimum", 1.0), ("fmin", 1.0)] {
                let f = try UFunc.named(name)
                let n = 40_000
                let values = (0..<n).map { _ in [0.0, -0.0, sign, .nan].randomElement(using: &rng)! }
                let clean = values.map { $0.isNaN ? -0.0 : $0 }
                for data in [clean, values] where name.hasPrefix("f") || data == clean {
                    let a = NDArray(data, shape: [n]).astype(dtype)
                    cases.append(CallCase(numpy: "np.\(name).reduce(x0)", inputs: [a]) { x in try f.reduce(x[0]) })
                    cases.append(CallCase(numpy: "np.\(name).reduce(x0[::-1])", inputs: [a]) { x in try f.reduce(x[0].indexed([.slice(s, s, -1)])) })
                }
            }
        }
        let failures = try Self.check(cases, configurations: ["scalar", "openmp", "all"])
        #expect(failures.isEmpty, "\(failures.count) calls differ from NumPy:\n\(failures.prefix(25).joined(separator: "\n"))")
    }

    @Test("complex multiply/square/absolute calls on strided, reversed and permuted views follow the rule", arguments: [DType.complex64, .complex128])
    func complexCalls(_ dtype: DType) throws {
        var rng = SeededGenerator(seed: 51 + UInt64(dtype.itemSize))
        var cases: [CallCase] = []
        let s = Int?.none
        let x = Self.signedZeros(dtype, [8, 4, 4, 6], &rng), y = Self.signedZeros(dtype, [8, 4, 4, 6], &rng)
        // The views as NumPy slices and as Tessera indices.
        let views: [(String, (NDArray) throws -> NDArray)] = [
            ("[7:0:-2, 2:4:1, 0:4:1, 4:1:-2]", { try $0.indexed([.slice(7, 0, -2), .slice(2, 4, 1), .slice(0, 4, 1), .slice(4, 1, -2)]) }),
            ("[::-1]", { try $0.indexed([.slice(s, s, -1)]) }),
            ("[:, ::-1, :, ::2]", { try $0.indexed([.all, .slice(s, s, -1), .all, .slice(s, s, 2)]) }),
            ("[::-1, ::-1, ::-1, ::-1]", { try $0.indexed([.slice(s, s, -1), .slice(s, s, -1), .slice(s, s, -1), .slice(s, s, -1)]) }),
            (".transpose(3, 1, 0, 2)", { $0.transposed(axes: [3, 1, 0, 2]) }),
            ("[1, :, ::-1, 3]", { try $0.indexed([.index(1), .all, .slice(s, s, -1), .index(3)]) }),
            ("[2, 1, :, ::-1]", { try $0.indexed([.index(2), .index(1), .all, .slice(s, s, -1)]) }),
            ("[::3, 0, 0, :]", { try $0.indexed([.slice(s, s, 3), .index(0), .index(0), .all]) }),
            ("[:, :, :, :]", { $0 }),
        ]
        for (text, view) in views {
            cases += [
                CallCase(numpy: "np.absolute(x0\(text))", inputs: [x]) { a in try UFunc.absolute(view(a[0])) },
                CallCase(numpy: "np.square(x0\(text))", inputs: [x]) { a in try UFunc.square(view(a[0])) },
                CallCase(numpy: "np.multiply(x0\(text), x1\(text))", inputs: [x, y]) { a in try UFunc.multiply(view(a[0]), view(a[1])) },
                CallCase(numpy: "np.multiply(x0\(text), x1[0, 0, 0, 0])", inputs: [x, y]) { a in try UFunc.multiply(view(a[0]), a[1].indexed([.index(0), .index(0), .index(0), .index(0)])) },
                CallCase(numpy: "np.multiply(x0\(text), x0\(text), out=x0\(text))", inputs: [x]) { a in
                    let v = try view(a[0])
                    return try UFunc.multiply.call([v, v], out: [v])[0]
                },
                CallCase(numpy: "np.square(x0\(text), out=x0\(text))", inputs: [x]) { a in
                    let v = try view(a[0])
                    return try UFunc.square.call([v], out: [v])[0]
                },
            ]
        }
        // One-element reversed views.
        let line = Self.signedZeros(dtype, [3], &rng)
        cases += [
            CallCase(numpy: "np.absolute(x0[1:0:-1])", inputs: [line]) { a in try UFunc.absolute(a[0].indexed([.slice(1, 0, -1)])) },
            CallCase(numpy: "np.square(x0[2:0:-2])", inputs: [line]) { a in try UFunc.square(a[0].indexed([.slice(2, 0, -2)])) },
            CallCase(numpy: "np.multiply(x0[1:0:-1], x0[:1])", inputs: [line]) { a in try UFunc.multiply(a[0].indexed([.slice(1, 0, -1)]), a[0].indexed([.slice(s, 1)])) },
        ]
        for axis in 0..<4 {
            cases.append(CallCase(numpy: "np.multiply.reduce(x0, axis=\(axis))", inputs: [x]) { a in try UFunc.multiply.reduce(a[0], axis: axis) })
            cases.append(CallCase(numpy: "np.multiply.reduce(x0[::-1, :, ::2], axis=\(axis))", inputs: [x]) { a in
                try UFunc.multiply.reduce(a[0].indexed([.slice(s, s, -1), .all, .slice(s, s, 2)]), axis: axis)
            })
        }
        cases.append(CallCase(numpy: "np.multiply.accumulate(x0, axis=3)", inputs: [x]) { a in try UFunc.multiply.accumulate(a[0], axis: 3) })
        let failures = try Self.check(cases, configurations: ["scalar", "all"])
        #expect(failures.isEmpty, "\(failures.count) calls differ from NumPy:\n\(failures.prefix(25).joined(separator: "\n"))")
    }
}
