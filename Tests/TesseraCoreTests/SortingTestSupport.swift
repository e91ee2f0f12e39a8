import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// Random inputs for the sorting and statistics tests: every dtype, 0-d to 3-d shapes,
/// contiguous, transposed, reversed (negative strides) and strided views, values drawn
/// from a pool (small pools give many duplicates) that holds NaN, ±inf and ±0.
struct SortingInputs {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    static let allTypes: [DType] = DType.allCases

    mutating func shape(maxRank: Int = 3, allowEmpty: Bool = true) -> [Int] {
        let rank = Int.random(in: (allowEmpty ? 0 : 1)...maxRank, using: &rng)
        let big = rank == 1 && Int.random(in: 0..<4, using: &rng) == 0
        return (0..<rank).map { _ in
            if big { return Int.random(in: 60...700, using: &rng) }
            let length = Int.random(in: 0...9, using: &rng)
            return allowEmpty || length > 0 ? length : 1
        }
    }

    /// An array of `shape` and `dtype` with values from a random pool, as a random kind of view.
    mutating func array(_ dtype: DType, _ shape: [Int], pool requestedPool: Int? = nil) -> NDArray {
        let size = shape.reduce(1, *)
        let poolSize = requestedPool ?? [3, 12, 200].randomElement(using: &rng)!
        let pool = ArrayGenerators.values(dtype, count: poolSize, seed: rng.next()).copy()
        let layout = Int.random(in: 0..<4, using: &rng)
        let baseCount = layout == 3 ? 2 * Swift.max(size, 1) : Swift.max(size, 1)
        var base = NDArray(uninitializedShape: [baseCount], dtype: dtype)
        let target = base.makeUniqueForWriting()
        let item = dtype.itemSize
        for i in 0..<baseCount {
            (target + i * item).copyMemory(from: pool.baseAddress + Int.random(in: 0..<poolSize, using: &rng) * item, byteCount: item)
        }
        switch layout {
        case 1 where shape.count >= 2:
            let reversed = Array(shape.reversed())
            return base.rawView(shape: reversed, strides: NDArray.contiguousStrides(shape: reversed, itemSize: item)).transposed()
        case 2 where !shape.isEmpty:
            return base.rawView(shape: shape, strides: NDArray.contiguousStrides(shape: shape, itemSize: item)).flipped(axis: 0)
        case 3:
            return base.rawView(shape: shape, strides: NDArray.contiguousStrides(shape: shape, itemSize: item).map { $0 * 2 })
        default:
            return base.rawView(shape: shape, strides: NDArray.contiguousStrides(shape: shape, itemSize: item))
        }
    }

    mutating func dtype() -> DType { Self.allTypes.randomElement(using: &rng)! }

    /// A valid axis for `ndim` (negative sometimes), or nil.
    mutating func axis(_ ndim: Int, allowNil: Bool = true) -> Int? {
        if ndim == 0 || (allowNil && Int.random(in: 0..<5, using: &rng) == 0) { return nil }
        let axis = Int.random(in: 0..<ndim, using: &rng)
        return Bool.random(using: &rng) ? axis - ndim : axis
    }
}

func pythonAxis(_ axis: Int?) -> String { axis.map(String.init) ?? "None" }

/// Python helpers: `same` compares up to the sign of zero (NaN equals NaN, complex part
/// by part); `segments_ok` checks a partition against the full sort.
let sortingPreamble = """
def canon(a):
    a = np.asarray(a)
    return a + 0 if a.dtype.kind in 'fc' else a
def eqn(a, b):
    if a.dtype.kind == 'c':
        return eqn(a.real, b.real) & eqn(a.imag, b.imag)
    if a.dtype.kind == 'f':
        return (a == b) | (np.isnan(a) & np.isnan(b))
    return a == b
def same(a, b):
    a = canon(a); b = canon(b)
    if a.shape != b.shape or a.dtype != b.dtype: return np.bool_(False)
    return np.bool_(eqn(a, b).all())
def lanes(x, axis):
    if axis is None: return x.ravel(), 0
    return x, axis % x.ndim
def perm_ok(i, x, axis):
    xs, ax = lanes(x, axis)
    n = xs.shape[ax]
    shape = [1] * xs.ndim; shape[ax] = n
    return i.shape == xs.shape and bool((np.sort(i, axis=ax) == np.arange(n).reshape(shape)).all())
def argsort_ok(x, i, axis):
    xs, ax = lanes(x, axis)
    return np.bool_(perm_ok(i, x, axis) and same(np.take_along_axis(xs, i, ax), np.sort(xs, axis=ax, kind='stable')))
def segments_ok(x, p, kth, axis):
    xs, ax = lanes(x, axis)
    s = np.sort(xs, axis=ax, kind='stable')
    if p.shape != s.shape: return np.bool_(False)
    n = xs.shape[ax]
    ks = sorted(set(k % n for k in kth))
    bounds = [0]
    for k in ks: bounds += [k, k + 1]
    bounds.append(n)
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        idx = np.arange(lo, hi)
        if not same(np.sort(np.take(p, idx, axis=ax), axis=ax), np.take(s, idx, axis=ax)): return np.bool_(False)
    return np.bool_(True)
def raises(f):
    try:
        f()
    except Exception:
        return np.bool_(True)
    return np.bool_(False)
def close(a, b, ulps):
    a = np.asarray(a); b = np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype: return np.bool_(False)
    if a.dtype.kind == 'c': return close(a.real, b.real, ulps) & close(a.imag, b.imag, ulps)
    if a.dtype.kind != 'f': return np.bool_((a == b).all())
    both_nan = np.isnan(a) & np.isnan(b)
    tol = ulps * np.spacing(np.maximum(np.abs(a), np.abs(b)).astype(a.dtype))
    ok = both_nan | (a == b) | (np.abs(a.astype(np.float64) - b.astype(np.float64)) <= tol)
    return np.bool_(ok.all())
def close_scaled(a, b, ulps):
    a = np.asarray(a); b = np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype: return np.bool_(False)
    if a.size == 0: return np.bool_(True)
    scale = np.spacing(np.max(np.abs(b)).astype(b.dtype)) if np.isfinite(b).all() else 0
    return np.bool_(((np.abs(a - b) <= ulps * scale) | (a == b) | (np.isnan(a) & np.isnan(b))).all())
def argpartition_ok(x, i, kth, axis):
    xs, ax = lanes(x, axis)
    return np.bool_(perm_ok(i, x, axis) and segments_ok(x, np.take_along_axis(xs, i, ax), kth, axis))
"""

/// Runs the Tessera side of each case under the scalar registry, then compares.
struct OracleCases {
    let batch = NumPyBatch(preamble: sortingPreamble)
    var checks: [(label: String, index: Int, judge: (NumPyBatch.Output) -> String?)] = []

    /// A case whose Python expression returns True when Tessera's result (passed in as
    /// inputs after `inputs`) is right.
    mutating func expectTrue(_ label: String, _ expression: String, _ inputs: [NDArray]) {
        let index = batch.add(expression, inputs)
        checks.append((label, index, { output in
            if let error = output.error { return "NumPy raised \(error)" }
            return output.bytes == Data([1]) ? nil : "check \(expression) is False"
        }))
    }

    /// A case whose Tessera result must equal NumPy's bitwise (NaN payloads aside).
    mutating func expectBitwise(_ label: String, _ result: NDArray, _ expression: String, _ inputs: [NDArray]) {
        let index = batch.add(expression, inputs)
        checks.append((label, index, { differenceFromNumPy(result, $0) }))
    }

    /// A case whose Tessera result must equal NumPy's up to the sign of zero (or, with
    /// `ulps`, within that many units in the last place); a Tessera error must meet a
    /// NumPy exception.
    mutating func expectSame(_ label: String, _ expression: String, _ inputs: [NDArray], ulps: Int = 0, scaled: Bool = false, _ compute: () throws -> NDArray) {
        do {
            let result = try compute()
            let check = ulps == 0 ? "same(x\(inputs.count), \(expression))" : "\(scaled ? "close_scaled" : "close")(x\(inputs.count), \(expression), \(ulps))"
            expectTrue(label, check, inputs + [result])
        } catch {
            expectTrue("\(label) (Tessera threw \(error))", "raises(lambda: \(expression))", inputs)
        }
    }

    func run() throws -> [String] {
        let outputs = try batch.run()
        return checks.compactMap { check in
            check.judge(outputs[check.index][0]).map { "\(check.label): \($0)" }
        }
    }
}

import Foundation
