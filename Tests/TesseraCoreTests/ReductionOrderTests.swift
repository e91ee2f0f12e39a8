import Foundation
import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// Reductions over strided, reversed and permuted views match NumPy bit for bit: the walk
/// (axis order, coalescing, buffers, first visits) decides which elements each loop call
/// gets and in which order, so values are chosen to make that order visible — sums of
/// magnitudes from 2⁻³⁰ to 2³⁰ with ±0 and NaNs (they round differently in another order,
/// or with other pairwise blocks), products near 1, and for the selections distinct values
/// and NaNs (a call that misses or repeats an element, or starts from the wrong first
/// element, changes the result). Compared as the other NumPy tests compare: bitwise, any
/// NaN equal to any NaN.
///
/// What the loops themselves decide is not tested here: which NaN payload a sum or a
/// selection propagates, and which of +0.0 and −0.0 a selection keeps on a tie, differ
/// from NumPy's vector loops even on contiguous 1-d input (measured with NumPy 2.4:
/// `np.fmax.reduce` keeps the first of ±0, `np.maximum.reduce` of ten or more contiguous
/// elements combines SIMD lanes).
@Suite struct ReductionOrderTests {
    /// A view of a C-contiguous base: each base axis sliced (`step` may be negative, with
    /// a little padding around), then transposed by `perm`.
    struct View: CustomStringConvertible {
        var lengths: [Int]   // per base axis, elements taken
        var steps: [Int]     // per base axis
        var pads: [Int]      // per base axis
        var perm: [Int]

        var baseShape: [Int] { lengths.indices.map { 2 * pads[$0] + Swift.abs(steps[$0]) * (lengths[$0] - 1) + 1 } }
        var shape: [Int] { perm.map { lengths[$0] } }
        var size: Int { lengths.reduce(1, *) }

        var slices: [(start: Int, stop: Int?, step: Int)] {
            lengths.indices.map { axis in
                let step = steps[axis], pad = pads[axis], count = lengths[axis]
                if step > 0 { return (pad, pad + step * (count - 1) + 1, step) }
                let start = baseShape[axis] - 1 - pad
                let stop = start - Swift.abs(step) * (count - 1) - 1
                return (start, stop < 0 ? nil : stop, step)
            }
        }

        func view(of base: NDArray) throws -> NDArray {
            try base.indexed(slices.map { NDIndex.slice($0.start, $0.stop, $0.step) }).transposed(axes: perm)
        }

        /// The same view in Python, of the base named `name`.
        func python(_ name: String) -> String {
            let text = slices.map { "\($0.start):\($0.stop.map(String.init) ?? ""):\($0.step)" }.joined(separator: ",")
            return "\(name)[\(text)].transpose(\(perm.map(String.init).joined(separator: ",")))"
        }

        var description: String { "lengths \(lengths) steps \(steps) pads \(pads) perm \(perm)" }

        static func random(lengths: [Int], _ rng: inout SeededGenerator) -> View {
            View(
                lengths: lengths,
                steps: lengths.map { _ in [1, 1, 2, 3, -1, -2].randomElement(using: &rng)! },
                pads: lengths.map { _ in Int.random(in: 0...1, using: &rng) },
                perm: Array(lengths.indices).shuffled(using: &rng)
            )
        }
    }

    enum Values { case wide, nearOne, selections }

    /// `count` values of `dtype` (float32 or float64) of the given kind, bit patterns exact;
    /// with `specials`, ±0 (not for selections, see above) and NaNs with distinct payloads.
    static func values(_ dtype: DType, count: Int, kind: Values, specials: Bool, _ rng: inout SeededGenerator) -> NDArray {
        var doubles: [Double] = []
        var nans: [Int: UInt64] = [:]
        for index in 0..<count {
            let sign: Double = Bool.random(using: &rng) ? 1 : -1
            var value: Double
            switch kind {
            case .wide, .selections:
                value = sign * Double.random(in: 1..<2, using: &rng) * Foundation.pow(2, Double(Int.random(in: -30...30, using: &rng)))
            case .nearOne:
                value = sign * (1 + Double.random(in: -0.3...0.3, using: &rng))
            }
            let roll = Int.random(in: 0..<100, using: &rng)
            if specials {
                if roll < 4 && kind != .selections { value = Bool.random(using: &rng) ? 0.0 : -0.0 }
                if roll >= 96 { nans[index] = UInt64.random(in: 1...0xFFFF, using: &rng) | (Bool.random(using: &rng) ? 1 << 63 : 0) }
            }
            doubles.append(value)
        }
        if dtype == .float32 {
            let floats = doubles.enumerated().map { index, value in
                nans[index].map { Float(bitPattern: 0x7FC0_0000 | UInt32($0 & 0xFFFF) | UInt32(($0 >> 32) & 0x8000_0000)) } ?? Float(value)
            }
            return NDArray(floats)
        }
        return NDArray(doubles.enumerated().map { index, value in
            nans[index].map { Double(bitPattern: 0x7FF8_0000_0000_0000 | $0) } ?? value
        })
    }

    static func allAxisSets(_ ndim: Int) -> [[Int]?] {
        var sets: [[Int]?] = [nil]
        for mask in 1..<(1 << ndim) { sets.append((0..<ndim).filter { mask & (1 << $0) != 0 }) }
        return sets
    }

    static func python(_ axes: [Int]?) -> String {
        guard let axes else { return "None" }
        return "(" + axes.map(String.init).joined(separator: ",") + (axes.count == 1 ? ",)" : ")")
    }

    typealias Case = (label: String, expression: String, inputs: [NDArray], compute: () throws -> NDArray)

    /// Runs every case in NumPy and in Tessera (scalar loops) and compares them bitwise.
    static func check(_ cases: [Case]) throws {
        let registry = LoopRegistry()
        try ScalarBackend().install(into: registry)
        let batch = NumPyBatch()
        for c in cases { batch.add(c.expression, c.inputs) }
        let expected = try batch.run()
        var failures: [String] = []
        Backends.withRegistry(registry) {
            for (index, c) in cases.enumerated() {
                do {
                    if let difference = differenceFromNumPy(try c.compute(), expected[index][0]) {
                        failures.append("\(c.label): \(difference)\n    \(c.expression)")
                    }
                } catch {
                    if expected[index][0].error == nil { failures.append("\(c.label): Tessera threw \(error)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) reductions differ from NumPy:\n\(failures.prefix(12).joined(separator: "\n"))")
    }

    static let ufuncs: [(String, Values)] = [
        ("add", .wide), ("multiply", .nearOne), ("maximum", .selections), ("minimum", .selections),
        ("fmax", .selections), ("fmin", .selections),
    ]

    @Test("every axis combination of permuted, strided and reversed 3-d and 4-d views", arguments: [DType.float32, .float64])
    func everyAxisCombination(dtype: DType) throws {
        var rng = SeededGenerator(seed: dtype == .float32 ? 31 : 64)
        var cases: [Case] = []
        for lengths in [[9, 12, 10], [11, 2, 13], [5, 6, 4, 7], [3, 9, 1, 8]] {
            for layout in 0..<5 {
                let view = View.random(lengths: lengths, &rng)
                for (name, kind) in Self.ufuncs {
                    let ufunc = try UFunc.named(name)
                    let base = Self.values(dtype, count: view.baseShape.reduce(1, *), kind: kind, specials: layout % 2 == 1, &rng).reshaped(view.baseShape)
                    let x = try view.view(of: base)
                    for (index, axes) in Self.allAxisSets(lengths.count).enumerated() {
                        let keepdims = index % 3 == 1
                        cases.append((
                            "\(name) \(dtype) \(view) axes \(axes.map { "\($0)" } ?? "nil") keepdims \(keepdims)",
                            "np.\(name).reduce(\(view.python("x0")), axis=\(Self.python(axes)), keepdims=\(keepdims ? "True" : "False"))",
                            [base],
                            { try ufunc.reduce(x, axes: axes, keepdims: keepdims) }
                        ))
                    }
                }
            }
        }
        try Self.check(cases)
    }

    @Test("where: masks of other layouts, initial:, and a dtype: cast", arguments: [DType.float32, .float64])
    func maskInitialAndCast(dtype: DType) throws {
        var rng = SeededGenerator(seed: dtype == .float32 ? 7 : 8)
        var cases: [Case] = []
        for lengths in [[9, 12, 10], [6, 5, 4, 7]] {
            for _ in 0..<4 {
                let view = View.random(lengths: lengths, &rng)
                let shape = view.shape
                let base = Self.values(dtype, count: view.baseShape.reduce(1, *), kind: .wide, specials: true, &rng).reshaped(view.baseShape)
                let selections = Self.values(dtype, count: view.baseShape.reduce(1, *), kind: .selections, specials: true, &rng).reshaped(view.baseShape)
                let x = try view.view(of: base), s = try view.view(of: selections)
                // Masks: C-contiguous, transposed (reversed axes), broadcast along the leading axes.
                let bits = (0..<view.size).map { _ in Int.random(in: 0..<10, using: &rng) < 7 }
                let contiguous = NDArray(bits).reshaped(shape)
                let reversedAxes = Array(shape.indices.reversed())
                let transposed = NDArray(bits).reshaped(reversedAxes.map { shape[$0] })
                let trailing = Array(shape.suffix(2))
                let broadcast = NDArray(Array(bits.prefix(trailing.reduce(1, *)))).reshaped(trailing)
                let masks: [(NDArray, String, NDArray)] = [
                    (contiguous, "x1", contiguous),
                    (transposed, "x1.transpose(\(reversedAxes.map(String.init).joined(separator: ",")))", transposed.transposed(axes: reversedAxes)),
                    (broadcast, "x1", broadcast),
                ]
                for (index, axes) in Self.allAxisSets(lengths.count).enumerated() {
                    let (maskBase, maskPython, mask) = masks[index % masks.count]
                    let keepdims = index % 2 == 0
                    let kd = keepdims ? "True" : "False"
                    cases.append((
                        "add where \(dtype) \(view) axes \(axes.map { "\($0)" } ?? "nil")",
                        "np.add.reduce(\(view.python("x0")), axis=\(Self.python(axes)), keepdims=\(kd), initial=-0.0, where=\(maskPython))",
                        [base, maskBase],
                        { try UFunc.add.reduce(x, axes: axes, keepdims: keepdims, initial: -0.0, where: mask) }
                    ))
                    cases.append((
                        "maximum initial where \(dtype) \(view) axes \(axes.map { "\($0)" } ?? "nil")",
                        "np.maximum.reduce(\(view.python("x0")), axis=\(Self.python(axes)), keepdims=\(kd), initial=0.0, where=\(maskPython))",
                        [selections, maskBase],
                        { try UFunc.maximum.reduce(s, axes: axes, keepdims: keepdims, initial: 0.0, where: mask) }
                    ))
                    cases.append((
                        "minimum initial \(dtype) \(view) axes \(axes.map { "\($0)" } ?? "nil")",
                        "np.minimum.reduce(\(view.python("x0")), axis=\(Self.python(axes)), keepdims=\(kd), initial=-0.0)",
                        [selections],
                        { try UFunc.minimum.reduce(s, axes: axes, keepdims: keepdims, initial: -0.0) }
                    ))
                    // Cast to the other float type: the input is buffered (gathered and cast).
                    let other: DType = dtype == .float32 ? .float64 : .float32
                    cases.append((
                        "add dtype \(other) of \(dtype) \(view) axes \(axes.map { "\($0)" } ?? "nil")",
                        "np.add.reduce(\(view.python("x0")), axis=\(Self.python(axes)), keepdims=\(kd), dtype=np.\(other))",
                        [base],
                        { try UFunc.add.reduce(x, axes: axes, keepdims: keepdims, dtype: other) }
                    ))
                }
            }
        }
        try Self.check(cases)
    }

    /// Views of 20 000 to 60 000 elements: buffers of 8192 elements, calls longer than a
    /// pairwise block, cores that fill a buffer.
    @Test("large views: 8192-element buffers and long pairwise runs", arguments: [DType.float32, .float64])
    func largeViews(dtype: DType) throws {
        var rng = SeededGenerator(seed: dtype == .float32 ? 5 : 6)
        var cases: [Case] = []
        for lengths in [[40, 30, 25], [3, 5000, 2], [150, 2, 140], [12, 10, 9, 20]] {
            for layout in 0..<2 {
                var view = View.random(lengths: lengths, &rng)
                if layout == 0 { view.steps = view.steps.map { $0 > 0 ? 1 : -1 } }
                let base = Self.values(dtype, count: view.baseShape.reduce(1, *), kind: .wide, specials: layout == 1, &rng).reshaped(view.baseShape)
                let x = try view.view(of: base)
                for axes in Self.allAxisSets(lengths.count) {
                    cases.append((
                        "add \(dtype) \(view) axes \(axes.map { "\($0)" } ?? "nil")",
                        "np.add.reduce(\(view.python("x0")), axis=\(Self.python(axes)))",
                        [base],
                        { try UFunc.add.reduce(x, axes: axes) }
                    ))
                    if axes?.count ?? 2 >= 2 {
                        let other: DType = dtype == .float32 ? .float64 : .float32
                        cases.append((
                            "add dtype \(other) of \(dtype) \(view) axes \(axes.map { "\($0)" } ?? "nil")",
                            "np.add.reduce(\(view.python("x0")), axis=\(Self.python(axes)), dtype=np.\(other))",
                            [base],
                            { try UFunc.add.reduce(x, axes: axes, dtype: other) }
                        ))
                    }
                }
            }
        }
        try Self.check(cases)
    }

    /// Regression (found by the `where:` cases above): a run of fewer than 8 elements sums
    /// from −0.0, as NumPy's pairwise summation does, so −0.0 survives `initial: -0.0`.
    @Test("short runs of −0.0 sum to −0.0")
    func negativeZeroRuns() throws {
        var cases: [Case] = []
        for dtype in [DType.float16, .float32, .float64, .complex64, .complex128] {
            for count in 1...9 {
                let x = NDArray([Double](repeating: -0.0, count: count)).astype(dtype)
                cases.append(("\(dtype) × \(count)", "np.add.reduce(x0, initial=-0.0)", [x], { try UFunc.add.reduce(x, axes: nil, initial: -0.0) }))
                let mask = NDArray((0..<count).map { $0 % 3 != 1 })
                cases.append(("\(dtype) × \(count) where", "np.add.reduce(x0, initial=-0.0, where=x1)", [x, mask], { try UFunc.add.reduce(x, axes: nil, initial: -0.0, where: mask) }))
            }
        }
        try Self.check(cases)
    }

    /// Ufuncs without identity that are not reorderable reduce one axis, starting from its
    /// first element, which the walk then skips (the same first-visit logic as `maximum`).
    @Test("subtract and divide along each axis of permuted views")
    func nonReorderable() throws {
        var rng = SeededGenerator(seed: 12)
        var cases: [Case] = []
        for dtype in [DType.float32, .float64] {
            for lengths in [[9, 12, 10], [5, 6, 4, 7]] {
                for _ in 0..<3 {
                    let view = View.random(lengths: lengths, &rng)
                    let base = Self.values(dtype, count: view.baseShape.reduce(1, *), kind: .wide, specials: false, &rng).reshaped(view.baseShape)
                    let x = try view.view(of: base)
                    for name in ["subtract", "divide"] {
                        let ufunc = try UFunc.named(name)
                        for axis in lengths.indices {
                            cases.append((
                                "\(name) \(dtype) \(view) axis \(axis)",
                                "np.\(name).reduce(\(view.python("x0")), axis=\(axis))",
                                [base],
                                { try ufunc.reduce(x, axes: [axis]) }
                            ))
                        }
                    }
                }
            }
        }
        try Self.check(cases)
    }
}
