import Foundation
import Tessera
@testable import TesseraCore
import _TesseraTestSupport

/// Random differential cases from a seed: a ufunc of the catalogue, operand dtypes (mixed,
/// and Swift scalars as weak operands), shapes 0-d to 5-d that broadcast, layouts
/// (contiguous, strided, reversed, permuted), `out:` with `where:`, and reductions.
struct DifferentialGenerator {
    var rng: SeededGenerator

    /// Case `index` of the run with `seed`: each case has its own generator, so a case is
    /// reproducible from the seed and its index alone.
    init(seed: UInt64, salt: UInt64, index: Int) {
        var mixer = SeededGenerator(seed: seed ^ (salt &* 0xD1B5_4A32_D192_ED03))
        for _ in 0...(index % 3) { _ = mixer.next() }
        rng = SeededGenerator(seed: mixer.next() &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
    }

    static let integerFamilies: Set<String> = [
        "bitwise_and", "bitwise_or", "bitwise_xor", "invert", "left_shift", "right_shift", "gcd", "lcm",
    ]
    static let exactFloatFamilies: Set<String> = [
        "floor", "ceil", "trunc", "rint", "isnan", "isinf", "isfinite", "signbit", "copysign", "nextafter",
        "spacing", "ldexp", "frexp", "modf", "heaviside", "conjugate",
    ]
    static let reducers: [UFunc] = [.add, .multiply, .maximum, .minimum]

    static let integers: [DType] = [.bool, .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64]
    static let floats: [DType] = [.float16, .float32, .float64]
    static let complexes: [DType] = [.complex64, .complex128]

    // MARK: Pieces

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &rng)! }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    mutating func dtype(for ufunc: UFunc) -> DType {
        let name = ufunc.name
        let all = DType.allCases
        if Self.integerFamilies.contains(name) { return chance(0.85) ? pick(Self.integers) : pick(all) }
        if UFunc.mathCatalogue.contains(ufunc) {
            let inexact = Self.floats + (Self.exactFloatFamilies.contains(name) ? [] : Self.complexes)
            return chance(0.7) ? pick(inexact) : pick(all)
        }
        return pick(all)
    }

    /// A shape of 0 to 5 dimensions, at most ~300 elements.
    mutating func shape() -> [Int] {
        let ndim = pick([0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5])
        var shape = (0..<ndim).map { _ -> Int in
            if chance(0.03) { return 0 }
            return chance(0.2) ? 1 : int(2...6)
        }
        while shape.reduce(1, *) > 300, let axis = shape.indices.max(by: { shape[$0] < shape[$1] }) {
            shape[axis] = Swift.max(1, shape[axis] / 2)
        }
        return shape
    }

    /// A shape that broadcasts to `shape` without changing it: a suffix, some axes 1.
    mutating func broadcastable(to shape: [Int]) -> [Int] {
        let ndim = chance(0.75) ? shape.count : int(0...shape.count)
        return shape.suffix(ndim).map { chance(0.15) ? 1 : $0 }
    }

    mutating func layout(ndim: Int, maxStep: Int = 3) -> ViewLayout {
        if chance(0.4) { return .contiguous(ndim: ndim) }
        let steps = (0..<ndim).map { _ in pick([1, 1, 2, 3, -1, -2].filter { Swift.abs($0) <= maxStep }) }
        let pads = (0..<ndim).map { _ in int(0...2) }
        let perm = chance(0.5) ? Array(0..<ndim) : Array(0..<ndim).shuffled(using: &rng)
        return ViewLayout(steps: steps, pads: pads, perm: perm)
    }

    mutating func values(_ dtype: DType, shape: [Int], shiftAmounts: Bool = false, exponents: Bool = false) -> NDArray {
        let count = shape.reduce(1, *)
        if exponents && dtype.isInteger && dtype != .bool {
            // Integer power with a negative exponent is a deliberate difference; keep exponents ≥ 0.
            return NDArray((0..<count).map { _ in Int64(int(0...12)) }, shape: shape).astype(dtype)
        }
        return ArrayGenerators.values(dtype, count: count, seed: rng.next(), shiftAmounts: shiftAmounts).reshaped(shape)
    }

    mutating func operand(_ dtype: DType, shape: [Int], shiftAmounts: Bool = false, exponents: Bool = false, maxStep: Int = 3) -> ArrayOperand {
        ArrayOperand(values(dtype, shape: shape, shiftAmounts: shiftAmounts, exponents: exponents), layout: layout(ndim: shape.count, maxStep: maxStep))
    }

    mutating func weak(for ufunc: UFunc, alongside dtype: DType) -> WeakValue {
        if ufunc.name.hasSuffix("_shift") { return .int(Int64(int(-2...70))) }
        switch int(0...19) {
        case 0..<6: return .int(Int64(int(-10...10)))
        case 6: return .int(Int64(bitPattern: rng.next()))
        case 7: return .int(pick([127, 128, 255, 256, -128, -129, 32767, 65535, 65536, 2_147_483_647, 4_294_967_295, -1]))
        case 8: return .uint(UInt64(Int64.max) + UInt64(int(1...1000)))
        case 9, 10: return .bool(chance(0.5))
        case 11: return .complex(pick([0, 1, -2.5, .nan]), pick([0, 1, -0.5, .infinity]))
        default:
            return .float(chance(0.5) ? pick(ArrayGenerators.specialDoubles(for: .float64)) : Double.random(in: -10...10, using: &rng))
        }
    }

    // MARK: Cases

    /// A ufunc call; `large` makes ≥ 16 384 elements so that OpenMP splits the call.
    mutating func call(large: Bool = false) -> DifferentialCase {
        let ufunc = pick(UFunc.all)
        let first = dtype(for: ufunc)
        var dtypes = [first]
        if ufunc.inputCount == 2 { dtypes.append(chance(0.6) ? first : dtype(for: ufunc)) }

        var resultShape = shape()
        if large {
            resultShape = chance(0.5) ? [int(16_400...40_000)] : [int(130...200), int(130...200)]
        }
        let weakPosition = ufunc.inputCount == 2 && !large && chance(0.2) ? int(0...1) : nil
        var inputs: [DifferentialCase.Input] = []
        for (index, type) in dtypes.enumerated() {
            if index == weakPosition {
                inputs.append(.weak(weak(for: ufunc, alongside: dtypes[1 - index])))
                continue
            }
            let shape = large ? (chance(0.8) ? resultShape : Array(resultShape.suffix(1))) : broadcastable(to: resultShape)
            inputs.append(.array(operand(
                type, shape: shape, shiftAmounts: index == 1 && ufunc.name.hasSuffix("_shift"),
                exponents: index == 1 && ufunc.name == "power", maxStep: large ? 2 : 3
            )))
        }
        var c = DifferentialCase(ufunc: ufunc, inputs: inputs)
        if !large, chance(0.3) {
            // NumPy 2.4 crashes (SIGSEGV) on a comparison with an out-of-range Python int
            // and `where=` (`np.greater_equal(-3, np.uint16([0]), out=(b,), where=m)`); such
            // calls are a deliberate difference anyway.
            let weakComparison = weakPosition != nil && DifferentialJudge.comparisons.contains(ufunc.name)
            if chance(0.6), !weakComparison {
                let maskShape = broadcastable(to: resultShape)
                c.mask = ArrayOperand(values(.bool, shape: maskShape), layout: layout(ndim: maskShape.count))
            }
            guard let shape = c.broadcastShape else { return c }
            let resolved = c.resolvedLoop?.signature.outputs
            c.out = (0..<ufunc.outputCount).map { index in
                let type = resolved.map { chance(0.8) ? $0[index] : pick(DType.allCases) } ?? pick(DType.allCases)
                return operand(type, shape: shape)
            }
        }
        return c
    }

    /// `add`/`multiply`/`maximum`/`minimum.reduce` over random axes, maybe with `keepdims`,
    /// `initial:` and `where:`.
    mutating func reduction() -> DifferentialCase {
        let ufunc = pick(Self.reducers)
        let type = pick(DType.allCases)
        let inputShape = shape()
        let ndim = inputShape.count
        var axes: [Int]?
        switch int(0...9) {
        case 0, 1: axes = nil
        case 2: axes = []
        default:
            let count = ndim == 0 ? 0 : int(1...ndim)
            axes = Array(Array(0..<ndim).shuffled(using: &rng).prefix(count)).map { chance(0.3) ? $0 - ndim : $0 }
        }
        var c = DifferentialCase(ufunc: ufunc, inputs: [.array(operand(type, shape: inputShape))])
        var initial: Double?
        if type != .bool, chance(0.25) {
            initial = Double(type.isUnsignedInteger ? int(0...5) : int(-5...5))
        }
        if chance(0.15) {
            let maskShape = broadcastable(to: inputShape)
            c.mask = ArrayOperand(values(.bool, shape: maskShape), layout: layout(ndim: maskShape.count))
        }
        c.reduction = .init(axes: axes, keepdims: chance(0.5), initial: initial)
        return c
    }
}
