// The matrix-product oracle shared by TesseraScalarTests and TesseraOpenBLASTests: cases,
// operand layouts (strided views built with `@testable` access, as the other support
// helpers do), and one NumPy run per batch of cases.
import ComplexModule
import Foundation
@testable import TesseraCore

/// A physical layout for the last two axes of a test operand, in element strides for a
/// logical `r×c` matrix; every layout holds the same logical values.
public enum OperandLayout: String, CaseIterable, Sendable {
    case c, fortran, paddedRows, strided, fortranPadded, reversedRows, reversedColumns

    public func elementStrides(rows r: Int, columns c: Int) -> [Int] {
        switch self {
        case .c: [c, 1]
        case .fortran: [1, r]
        case .paddedRows: [c + 3, 1]
        case .strided: [2 * c, 2]
        case .fortranPadded: [1, r + 2]
        case .reversedRows: [-c, 1]
        case .reversedColumns: [c, -1]
        }
    }

    /// For a vector: contiguous, strided or reversed.
    public func elementStride() -> Int {
        switch self {
        case .strided, .paddedRows, .fortranPadded: 3
        case .reversedRows, .reversedColumns: -1
        case .c, .fortran: 1
        }
    }
}

/// One comparison with NumPy: logical inputs, the views Tessera is called on, NumPy's
/// expression over `a0`, `a1`, and the Tessera call.
public struct MatrixProductCase {
    public let label: String
    public let inputs: [NDArray]
    public let views: [NDArray]
    public let numpy: String
    /// The number of products summed into one output element (for the error bound).
    public let reduction: Int
    public let tessera: ([NDArray]) throws -> NDArray

    public init(_ label: String, _ inputs: [NDArray], layouts: [OperandLayout]? = nil, numpy: String, reduction: Int, _ tessera: @escaping ([NDArray]) throws -> NDArray) {
        self.label = label
        self.inputs = inputs
        self.views = zip(inputs, layouts ?? inputs.map { _ in .c }).map { laidOut($0, $1) }
        self.numpy = numpy
        self.reduction = reduction
        self.tessera = tessera
    }
}

/// Random values that exercise each dtype: full-range integers (products wrap),
/// [-1, 1] floats, complex values with both parts in [-1, 1].
public func randomArray(_ dtype: DType, _ shape: [Int], _ rng: inout SeededGenerator) -> NDArray {
    let count = shape.reduce(1, *)
    switch dtype {
    case .bool:
        return NDArray((0..<count).map { _ in Bool.random(using: &rng) }, shape: shape)
    case .uint64:
        return NDArray((0..<count).map { _ in UInt64.random(in: .min ... .max, using: &rng) }, shape: shape)
    case .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64:
        return NDArray((0..<count).map { _ in Int64.random(in: .min ... .max, using: &rng) }, shape: shape).astype(dtype)
    case .float16, .float32, .float64:
        return NDArray((0..<count).map { _ in Double.random(in: -1...1, using: &rng) }, shape: shape).astype(dtype)
    case .complex64, .complex128:
        let values = (0..<count).map { _ in Complex(Double.random(in: -1...1, using: &rng), Double.random(in: -1...1, using: &rng)) }
        return NDArray(values, shape: shape).astype(dtype)
    }
}

/// A view holding `logical`'s values in `layout` (applied to the last two axes, or to the
/// only axis of a vector), in storage of its own.
public func laidOut(_ logical: NDArray, _ layout: OperandLayout) -> NDArray {
    let shape = logical.shape
    var elementStrides = [Int](repeating: 0, count: shape.count)
    var footprint = 1
    var coreAxes = 0
    if shape.count >= 2 {
        let core = layout.elementStrides(rows: shape[shape.count - 2], columns: shape[shape.count - 1])
        elementStrides[shape.count - 2] = core[0]
        elementStrides[shape.count - 1] = core[1]
        coreAxes = 2
    } else if shape.count == 1 {
        elementStrides[0] = layout.elementStride()
        coreAxes = 1
    }
    for axis in (shape.count - coreAxes)..<shape.count {
        footprint += abs(elementStrides[axis]) * Swift.max(shape[axis] - 1, 0)
    }
    for axis in (0..<(shape.count - coreAxes)).reversed() {
        elementStrides[axis] = footprint
        footprint *= Swift.max(shape[axis], 1)
    }
    var origin = 0
    for (length, stride) in zip(shape, elementStrides) where stride < 0 { origin += -stride * Swift.max(length - 1, 0) }
    let item = logical.itemSize
    let strides = elementStrides.map { $0 * item }
    // The view must be the storage's only owner, or copyElements would copy it to C order.
    var view = NDArray(storage: ArrayStorage.make(byteCount: Swift.max(footprint, 1) * item + origin * item), dtype: logical.dtype, shape: shape, strides: strides, offset: origin * item)
    NDArray.copyElements(from: logical, into: &view)
    precondition(view.strides == strides, "laidOut: the view lost its layout")
    return view
}

/// C-order bytes of an array.
public func cOrderBytes(_ array: NDArray) -> Data {
    let contiguous = array.copy(order: .c)
    return Data(bytes: contiguous.baseAddress, count: contiguous.nbytes)
}

/// An array of `dtype` and `shape` holding raw C-order bytes.
public func arrayFromBytes(_ data: Data, dtype: DType, shape: [Int]) -> NDArray {
    var array = NDArray.zeros(shape, dtype: dtype)
    let base = array.makeUniqueForWriting()
    data.withUnsafeBytes { bytes in
        if let source = bytes.baseAddress, !bytes.isEmpty { base.copyMemory(from: source, byteCount: Swift.min(bytes.count, array.nbytes)) }
    }
    return array
}

/// The machine epsilon of a dtype's real component.
public func epsilon(_ dtype: DType) -> Double {
    switch dtype.realComponent {
    case .float16: Double(Float16.ulpOfOne)
    case .float32: Double(Float.ulpOfOne)
    default: Double.ulpOfOne
    }
}

public struct MismatchReport: CustomStringConvertible {
    public var lines: [String] = []
    public var description: String { lines.joined(separator: "\n") }
}

/// Runs every case in Tessera and, in one Python process, in NumPy; returns the mismatches.
///
/// Integers and bool must match exactly. Inexact results must be within
/// `2·(k+2)·ε·(|a|·|b|)` per element — the classic bound for a sum of k products, with
/// `|a|·|b|` computed by NumPy in float64 — plus, for float16 (which sums in float32 and
/// rounds once), one float16 rounding of the result.
public func compareWithNumPy(_ cases: [MatrixProductCase]) throws -> MismatchReport {
    let directory = NumPyOracle.temporaryPath("matmul-\(UInt64.random(in: 0 ... .max))")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var specification: [[String: Any]] = []
    for (index, testCase) in cases.enumerated() {
        for (position, input) in testCase.inputs.enumerated() {
            try cOrderBytes(input).write(to: URL(fileURLWithPath: "\(directory)/c\(index)_\(position).bin"))
        }
        specification.append([
            "inputs": testCase.inputs.map { [$0.dtype.name, $0.shape] as [Any] },
            "expr": testCase.numpy,
        ])
    }
    let json = String(decoding: try JSONSerialization.data(withJSONObject: specification), as: UTF8.self)
    try json.write(toFile: "\(directory)/cases.json", atomically: true, encoding: .utf8)
    let output = try NumPyOracle.run("""
    import json
    d = \(String(reflecting: directory))
    cases = json.load(open(d + "/cases.json"))
    out = []
    for i, c in enumerate(cases):
        args = [np.fromfile(f"{d}/c{i}_{j}.bin", dtype=dt).reshape(shape) for j, (dt, shape) in enumerate(c["inputs"])]
        try:
            r = np.asarray(eval(c["expr"], {"np": np, **{f"a{j}": a for j, a in enumerate(args)}}))
            np.ascontiguousarray(r).tofile(f"{d}/r{i}.bin")
            bound = np.asarray(eval(c["expr"], {"np": np, **{f"a{j}": np.abs(a).astype(np.float64) for j, a in enumerate(args)}}))
            np.ascontiguousarray(bound, dtype=np.float64).tofile(f"{d}/b{i}.bin")
            out.append([r.dtype.name, list(r.shape)])
        except Exception as e:
            out.append(["error", str(e)])
    print(json.dumps(out))
    """)
    guard let results = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[Any]] else {
        throw TesseraError(.io, "unexpected NumPy oracle output: \(output.prefix(500))")
    }
    var report = MismatchReport()
    for (index, testCase) in cases.enumerated() {
        let expected = results[index]
        guard let dtypeName = expected[0] as? String, dtypeName != "error", let shape = expected[1] as? [Int] else {
            report.lines.append("\(testCase.label): NumPy failed: \(expected)")
            continue
        }
        let actual: NDArray
        do {
            actual = try testCase.tessera(testCase.views)
        } catch {
            report.lines.append("\(testCase.label): Tessera threw \(error)")
            continue
        }
        let dtype = try DType(parsing: dtypeName)
        guard actual.dtype == dtype, actual.shape == shape else {
            report.lines.append("\(testCase.label): Tessera gave \(actual.dtype) \(actual.shape), NumPy \(dtype) \(shape)")
            continue
        }
        let reference = arrayFromBytes(try fileContents(URL(fileURLWithPath: "\(directory)/r\(index).bin")), dtype: dtype, shape: shape)
        if !dtype.isInexact {
            if cOrderBytes(actual) != cOrderBytes(reference) {
                let a = actual.toArray(Int64.self), b = reference.toArray(Int64.self)
                let first = zip(a, b).enumerated().first { $0.1.0 != $0.1.1 }
                report.lines.append("\(testCase.label): integer results differ (first at flat index \(first?.offset ?? -1): \(first?.element.0 ?? 0) vs \(first?.element.1 ?? 0))")
            }
            continue
        }
        let bound = arrayFromBytes(try fileContents(URL(fileURLWithPath: "\(directory)/b\(index).bin")), dtype: .float64, shape: shape).toArray(Double.self)
        let ours = actual.toArray(Complex<Double>.self), theirs = reference.toArray(Complex<Double>.self)
        let eps = epsilon(dtype)
        let accumulation = dtype.realComponent == .float16 ? Double(Float.ulpOfOne) : eps
        var worst: (index: Int, excess: Double)? = nil
        for i in 0..<ours.count {
            // NaN and infinities must appear where NumPy has them, exactly.
            func same(_ x: Double, _ y: Double) -> Bool { x.isNaN ? y.isNaN : x == y }
            if !theirs[i].real.isFinite || !theirs[i].imaginary.isFinite || !ours[i].real.isFinite || !ours[i].imaginary.isFinite {
                if !(same(ours[i].real, theirs[i].real) && same(ours[i].imaginary, theirs[i].imaginary)), worst == nil {
                    worst = (i, .infinity)
                }
                continue
            }
            var tolerance = 2 * Double(testCase.reduction + 2) * accumulation * bound[i]
            if dtype.realComponent == .float16 { tolerance += eps * Swift.max(theirs[i].length, 6.1e-5) }
            let difference = Swift.max(abs(ours[i].real - theirs[i].real), abs(ours[i].imaginary - theirs[i].imaginary))
            if !(difference <= tolerance), worst == nil || difference / Swift.max(tolerance, .leastNormalMagnitude) > worst!.excess {
                worst = (i, difference / Swift.max(tolerance, .leastNormalMagnitude))
            }
        }
        if let worst {
            report.lines.append("\(testCase.label): element \(worst.index) is \(ours[worst.index]), NumPy \(theirs[worst.index]) (\(worst.excess)× the tolerance)")
        }
    }
    return report
}
