import Foundation
import Tessera
@testable import TesseraCore
import _TesseraTestSupport

// The cases of the differential tests: what a case is, how it becomes a Tessera call and
// a NumPy expression over the same values and the same views, and how it is printed.

/// How a view is laid over its base: `base[slices].transpose(perm)`. The base is built
/// from the view's values, so the same values can be shown contiguous, strided, reversed
/// and permuted.
struct ViewLayout: Sendable, Equatable {
    /// Slice step per base axis (`2` skips every other element, `-1` reverses).
    var steps: [Int]
    /// Elements of padding before the first viewed element, per base axis.
    var pads: [Int]
    /// The view is the sliced base transposed by `perm` (NumPy's `transpose(perm)`).
    var perm: [Int]

    static func contiguous(ndim: Int) -> ViewLayout {
        ViewLayout(steps: Array(repeating: 1, count: ndim), pads: Array(repeating: 0, count: ndim), perm: Array(0..<ndim))
    }

    var isContiguous: Bool { self == .contiguous(ndim: perm.count) }
}

/// An array operand: its values in logical (C) order and the layout it is viewed through.
struct ArrayOperand {
    var values: NDArray
    var layout: ViewLayout

    var shape: [Int] { values.shape }
    var dtype: DType { values.dtype }

    init(_ values: NDArray, layout: ViewLayout? = nil) {
        self.values = values.copy(order: .c)
        self.layout = layout ?? .contiguous(ndim: values.ndim)
    }

    /// The slices of the base (per base axis) and the base's shape.
    private func slicing() -> (baseShape: [Int], slices: [(start: Int, stop: Int?, step: Int)]) {
        let inverse = layout.perm.indices.map { axis in layout.perm.firstIndex(of: axis)! }
        let transposedShape = inverse.map { shape[$0] }
        var baseShape: [Int] = [], slices: [(Int, Int?, Int)] = []
        for (axis, m) in transposedShape.enumerated() {
            let step = layout.steps[axis], pad = layout.pads[axis], size = Swift.abs(step)
            let length = m == 0 ? pad + 1 : pad + size * (m - 1) + 1 + pad
            baseShape.append(length)
            if step > 0 {
                slices.append((pad, m == 0 ? pad : pad + step * (m - 1) + 1, step))
            } else {
                let start = length - 1 - pad
                let stop = m == 0 ? start : start - size * (m - 1) - 1
                slices.append((start, stop < 0 ? nil : stop, step))
            }
        }
        return (baseShape, slices)
    }

    /// The base (what NumPy receives) and the Tessera view of it.
    func materialize() throws -> (base: NDArray, view: NDArray) {
        if values.ndim == 0 { return (values, values) }
        let (baseShape, slices) = slicing()
        let indices = slices.map { NDIndex.slice($0.start, $0.stop, $0.step) }
        let inverse = layout.perm.indices.map { axis in layout.perm.firstIndex(of: axis)! }
        var base = NDArray.zeros(baseShape, dtype: dtype)
        try base.assign(values.transposed(axes: inverse), at: indices)
        let view = try base.indexed(indices).transposed(axes: layout.perm)
        return (base, view)
    }

    /// The view in Python, given the base's name.
    func python(_ name: String) -> String {
        if values.ndim == 0 { return name }
        let slices = slicing().slices.map { "\($0.start):\($0.stop.map(String.init) ?? ""):\($0.step)" }
        let identity = layout.perm == Array(0..<layout.perm.count)
        return "\(name)[\(slices.joined(separator: ", "))]" + (identity ? "" : ".transpose(\(layout.perm.map(String.init).joined(separator: ", ")))")
    }

    /// The view in Swift, given the base's name.
    func swift(_ name: String) -> String {
        if values.ndim == 0 { return name }
        let slices = slicing().slices.map { ".slice(\($0.start), \($0.stop.map(String.init) ?? "nil"), \($0.step))" }
        let identity = layout.perm == Array(0..<layout.perm.count)
        return "try \(name).indexed([\(slices.joined(separator: ", "))])" + (identity ? "" : ".transposed(axes: \(layout.perm))")
    }

    /// The first `count` elements along `axis` from `start` (shrinking a failing case).
    func sliced(axis: Int, start: Int, count: Int) -> ArrayOperand {
        var indices = Array(repeating: NDIndex.all, count: values.ndim)
        indices[axis] = .slice(start, start + count, 1)
        var copy = self
        copy.values = (try! values.indexed(indices)).copy(order: .c)
        return copy
    }
}

/// A Swift scalar operand (weak, NEP 50), and the same Python scalar.
enum WeakValue {
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Double)
    case complex(Double, Double)

    var operand: any UFuncOperand {
        switch self {
        case .bool(let v): v
        case .int(let v): Int(v)
        case .uint(let v): v
        case .float(let v): v
        case .complex(let re, let im): Complex<Double>(re, im)
        }
    }

    var python: String {
        switch self {
        case .bool(let v): v ? "True" : "False"
        case .int(let v): "\(v)"
        case .uint(let v): "\(v)"
        case .float(let v): pythonFloat(v)
        case .complex(let re, let im): "complex(\(pythonFloat(re)), \(pythonFloat(im)))"
        }
    }

    var swift: String {
        switch self {
        case .bool(let v): "\(v)"
        case .int(let v): "Int(\(v))"
        case .uint(let v): "UInt64(\(v))"
        case .float(let v): "Double(\(swiftFloat(v)))"
        case .complex(let re, let im): "Complex<Double>(\(swiftFloat(re)), \(swiftFloat(im)))"
        }
    }
}

func pythonFloat(_ value: Double) -> String {
    if value.isNaN { return "float('nan')" }
    if value.isInfinite { return value > 0 ? "float('inf')" : "float('-inf')" }
    return "\(value)"
}

func swiftFloat<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) -> String {
    if value.isNaN { return ".nan" }
    if value.isInfinite { return value > 0 ? ".infinity" : "-.infinity" }
    return value.description
}

/// One differential case: a ufunc call (inputs, optional `out:` and `where:`) or a reduction.
struct DifferentialCase {
    enum Input {
        case array(ArrayOperand)
        case weak(WeakValue)
    }

    struct Reduction {
        var axes: [Int]?
        var keepdims: Bool
        var initial: Double?
    }

    var ufunc: UFunc
    var inputs: [Input]
    /// One array per output when `out:` is given.
    var out: [ArrayOperand]?
    var mask: ArrayOperand?
    /// Set for `ufunc.reduce` cases (one array input).
    var reduction: Reduction?

    /// Arrays NumPy receives, in order: array inputs, outputs, mask.
    private var arrays: [ArrayOperand] {
        var result: [ArrayOperand] = []
        for input in inputs { if case .array(let a) = input { result.append(a) } }
        result += out ?? []
        if let mask { result.append(mask) }
        return result
    }

    /// The NumPy expression over `x0, x1, …` (the bases of ``arrays``).
    var pythonExpression: String {
        var next = 0
        func name() -> String { defer { next += 1 }; return "x\(next)" }
        var arguments: [String] = inputs.map { input in
            switch input {
            case .array(let a): return a.python(name())
            case .weak(let w): return w.python
            }
        }
        if let reduction {
            let axis: String
            switch reduction.axes {
            case nil: axis = "None"
            case let axes?: axis = "(" + axes.map { "\($0)," }.joined(separator: " ") + ")"
            }
            arguments.append("axis=\(axis)")
            arguments.append("keepdims=\(reduction.keepdims ? "True" : "False")")
            if let initial = reduction.initial { arguments.append("initial=\(pythonInitial(initial))") }
            if let mask { arguments.append("where=\(mask.python(name()))") }
            return "np.\(ufunc.name).reduce(\(arguments.joined(separator: ", ")))"
        }
        if let out {
            arguments.append("out=(" + out.map { $0.python(name()) + "," }.joined(separator: " ") + ")")
        }
        if let mask { arguments.append("where=\(mask.python(name()))") }
        return "np.\(ufunc.name)(\(arguments.joined(separator: ", ")))"
    }

    private func pythonInitial(_ value: Double) -> String {
        guard case .array(let a)? = inputs.first, !a.dtype.isInexact, value == value.rounded() else { return pythonFloat(value) }
        return "\(Int64(value))"
    }

    /// Adds the case to a NumPy batch; returns its index there.
    @discardableResult
    func add(to batch: NumPyBatch) throws -> Int {
        batch.add(pythonExpression, try arrays.map { try $0.materialize().base })
    }

    /// Runs the case in Tessera with the active configuration.
    func run() throws -> [NDArray] {
        let operands: [any UFuncOperand] = try inputs.map { input in
            switch input {
            case .array(let a): return try a.materialize().view
            case .weak(let w): return w.operand
            }
        }
        let maskView = try mask?.materialize().view
        if let reduction {
            return [try ufunc.reduce(operands[0] as! NDArray, axes: reduction.axes, keepdims: reduction.keepdims, initial: reduction.initial, where: maskView)]
        }
        let outViews: [NDArray?]? = try out?.map { try $0.materialize().view }
        return try ufunc.call(operands, out: outViews, where: maskView)
    }

    /// The loop Tessera's type resolution picks in the active configuration (nil when none).
    var resolvedLoop: InnerLoop? {
        let operands: [Operand] = inputs.map { input in
            switch input {
            case .array(let a): return .array(NDArray.zeros([0], dtype: a.dtype))
            case .weak(let w): return w.operand.ufuncOperand
            }
        }
        return try? ufunc.resolve(operands: operands, registry: Backends.active, dtype: nil, signature: nil).loop
    }

    /// The shape the result broadcasts to (nil when the shapes do not broadcast).
    var broadcastShape: [Int]? {
        var shapes: [[Int]] = []
        for input in inputs { if case .array(let a) = input { shapes.append(a.shape) } }
        if let mask { shapes.append(mask.shape) }
        return try? broadcastShapes(shapes)
    }

    /// Every operand's values broadcast to `shape`, as doubles (weak scalars repeated).
    func inputValues(at shape: [Int]) -> [[Double]]? {
        let count = shape.reduce(1, *)
        var result: [[Double]] = []
        for input in inputs {
            switch input {
            case .array(let a):
                guard !a.dtype.isComplex, let broadcast = try? a.values.broadcast(to: shape) else { return nil }
                result.append(broadcast.astype(.float64).toArray(Double.self))
            case .weak(let w):
                switch w {
                case .bool(let v): result.append(Array(repeating: v ? 1 : 0, count: count))
                case .int(let v): result.append(Array(repeating: Double(v), count: count))
                case .uint(let v): result.append(Array(repeating: Double(v), count: count))
                case .float(let v): result.append(Array(repeating: v, count: count))
                case .complex: return nil
                }
            }
        }
        return result
    }

    // MARK: Shrinking

    /// Smaller variants of a failing case, most aggressive first: without `where:`/`out:`,
    /// with contiguous layouts, with each axis halved, with simpler element values.
    func shrinkCandidates() -> [DifferentialCase] {
        var candidates: [DifferentialCase] = []
        if mask != nil, reduction == nil || reduction?.initial != nil || ufunc.identity != .reorderableNone {
            var c = self; c.mask = nil; candidates.append(c)
        }
        if out != nil {
            var c = self; c.out = nil; c.mask = nil; candidates.append(c)
        }
        for (index, input) in inputs.enumerated() {
            if case .array(let a) = input, !a.layout.isContiguous {
                var c = self; var b = a; b.layout = .contiguous(ndim: a.values.ndim); c.inputs[index] = .array(b); candidates.append(c)
            }
        }
        if let out, out.contains(where: { !$0.layout.isContiguous }) {
            var c = self; c.out = out.map { ArrayOperand($0.values) }; candidates.append(c)
        }
        if let mask, !mask.layout.isContiguous {
            var c = self; c.mask = ArrayOperand(mask.values); candidates.append(c)
        }
        // Halve each axis of the (broadcast) shape in every array that has it.
        let arrays: [ArrayOperand] = inputs.compactMap { if case .array(let a) = $0 { a } else { nil } }
        let ndim = arrays.map(\.values.ndim).max() ?? 0
        for axis in 0..<ndim {
            let length = arrays.compactMap { a -> Int? in
                let local = axis - (ndim - a.values.ndim)
                return local >= 0 ? a.shape[local] : nil
            }.max() ?? 1
            guard length > 1 else { continue }
            let half = length / 2
            for (start, count) in [(0, half), (half, length - half), (0, 1), (length - 1, 1)] where count < length {
                func cut(_ a: ArrayOperand) -> ArrayOperand {
                    let local = axis - (ndim - a.values.ndim)
                    guard local >= 0, a.shape[local] == length else { return a }
                    return a.sliced(axis: local, start: start, count: count)
                }
                var c = self
                c.inputs = inputs.map { if case .array(let a) = $0 { .array(cut(a)) } else { $0 } }
                c.out = out?.map { o in
                    let local = axis - (ndim - o.values.ndim)
                    return local >= 0 && o.shape[local] == length ? o.sliced(axis: local, start: start, count: count) : o
                }
                c.mask = mask.map(cut)
                candidates.append(c)
            }
        }
        // Simpler values: each element of a small array set to 0, then to 1.
        for (index, input) in inputs.enumerated() {
            guard case .array(let a) = input, a.values.size <= 8 else { continue }
            let flat = a.values.reshaped([a.values.size])
            for element in 0..<a.values.size {
                for simple in [0.0, 1.0] {
                    var values = flat.copy()
                    values.setItem(simple, at: [element])
                    if sameBytes(values, flat) { continue }
                    var b = a; b.values = values.reshaped(a.shape)
                    var c = self; c.inputs[index] = .array(b)
                    candidates.append(c)
                }
            }
        }
        return candidates
    }

    // MARK: Snippets

    /// The case as Swift code that reproduces it under `configuration`.
    func swiftSnippet(configuration: String) -> String {
        var lines: [String] = []
        var next = 0
        func declare(_ a: ArrayOperand) -> String {
            let name = "x\(next)"; next += 1
            let base = (try? a.materialize().base) ?? a.values
            lines.append("let \(name) = NDArray([\(swiftLiterals(base).joined(separator: ", "))] as [\(swiftElementType(base.dtype))], shape: \(base.shape))")
            return a.swift(name)
        }
        let operands = inputs.map { input -> String in
            switch input {
            case .array(let a): return declare(a)
            case .weak(let w): return w.swift
            }
        }
        let outs = out?.map(declare)
        let maskText = mask.map(declare)
        var call: String
        if let reduction {
            call = "try UFunc.named(\"\(ufunc.name)\").reduce(\(operands[0]), axes: \(reduction.axes.map { "\($0)" } ?? "nil"), keepdims: \(reduction.keepdims)"
            if let initial = reduction.initial { call += ", initial: \(swiftFloat(initial))" }
            if let maskText { call += ", where: \(maskText)" }
            call += ")"
        } else {
            call = "try UFunc.named(\"\(ufunc.name)\").call([\(operands.joined(separator: ", "))]"
            if let outs { call += ", out: [\(outs.joined(separator: ", "))]" }
            if let maskText { call += ", where: \(maskText)" }
            call += ")"
        }
        lines.append("let result = try Backends.withBackends(\"\(configuration)\") { \(call) }")
        return lines.joined(separator: "\n")
    }

    /// The case as a NumPy script.
    var numpySnippet: String {
        var lines = ["import numpy as np"]
        for (index, a) in arrays.enumerated() {
            let base = (try? a.materialize().base) ?? a.values
            lines.append("x\(index) = np.array([\(pythonLiterals(base).joined(separator: ", "))], dtype='\(base.dtype.name)').reshape(\(base.shape))")
        }
        lines.append("result = \(pythonExpression)")
        return lines.joined(separator: "\n")
    }

    /// One line naming the case (for failure lists).
    var summary: String {
        let shapes = inputs.map { input -> String in
            switch input {
            case .array(let a): return "\(a.dtype)\(a.shape)\(a.layout.isContiguous ? "" : "*")"
            case .weak(let w): return "weak \(w.python)"
            }
        }
        return pythonExpression.prefix(60) + "… [\(shapes.joined(separator: ", "))]"
    }
}

private func swiftElementType(_ dtype: DType) -> String {
    switch dtype {
    case .bool: "Bool"
    case .int8: "Int8"
    case .uint8: "UInt8"
    case .int16: "Int16"
    case .uint16: "UInt16"
    case .int32: "Int32"
    case .uint32: "UInt32"
    case .int64: "Int64"
    case .uint64: "UInt64"
    case .float16: "Float16"
    case .float32: "Float"
    case .float64: "Double"
    case .complex64: "Complex<Float>"
    case .complex128: "Complex<Double>"
    }
}

private func swiftLiterals(_ array: NDArray) -> [String] {
    switch array.dtype {
    case .bool: return array.toArray(Bool.self).map { "\($0)" }
    case .float16: return array.toArray(Float16.self).map(swiftFloat)
    case .float32: return array.toArray(Float.self).map(swiftFloat)
    case .float64: return array.toArray(Double.self).map(swiftFloat)
    case .complex64: return array.toArray(Complex<Float>.self).map { "Complex<Float>(\(swiftFloat($0.rawStorage.x)), \(swiftFloat($0.rawStorage.y)))" }
    case .complex128: return array.toArray(Complex<Double>.self).map { "Complex<Double>(\(swiftFloat($0.rawStorage.x)), \(swiftFloat($0.rawStorage.y)))" }
    case _ where array.dtype.isUnsignedInteger: return array.toArray(UInt64.self).map { "\($0)" }
    default: return array.toArray(Int64.self).map { "\($0)" }
    }
}

private func pythonLiterals(_ array: NDArray) -> [String] {
    switch array.dtype {
    case .bool: return array.toArray(Bool.self).map { $0 ? "True" : "False" }
    case .float16, .float32, .float64: return array.astype(.float64).toArray(Double.self).map(pythonFloat)
    case .complex64, .complex128:
        return array.astype(.complex128).toArray(Complex<Double>.self).map { "complex(\(pythonFloat($0.rawStorage.x)), \(pythonFloat($0.rawStorage.y)))" }
    case _ where array.dtype.isUnsignedInteger: return array.toArray(UInt64.self).map { "\($0)" }
    default: return array.toArray(Int64.self).map { "\($0)" }
    }
}

/// Whether two arrays of one dtype hold the same bytes in C order.
func sameBytes(_ a: NDArray, _ b: NDArray) -> Bool {
    guard a.dtype == b.dtype, a.shape == b.shape else { return false }
    let x = a.copy(order: .c), y = b.copy(order: .c)
    return x.nbytes == 0 || memcmp(x.baseAddress, y.baseAddress, x.nbytes) == 0
}
