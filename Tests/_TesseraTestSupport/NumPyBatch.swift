import Foundation
@testable import TesseraCore

/// Many NumPy evaluations in one Python process: each case names input arrays (their
/// raw C-order bytes, dtype and shape) and a Python expression over `x0, x1, …`; NumPy
/// evaluates every expression and hands back the raw bytes, dtype and shape of each
/// output. Starting Python once keeps thousands of oracle comparisons fast.
public final class NumPyBatch {
    public struct Output {
        public let dtype: String
        public let shape: [Int]
        public let bytes: Data
        public let error: String?
    }

    private struct InputRecord: Codable { let offset: Int; let count: Int; let dtype: String; let shape: [Int] }
    private struct CaseRecord: Codable { let expr: String; let inputs: [InputRecord] }
    private struct OutputRecord: Codable { let offset: Int; let count: Int; let dtype: String; let shape: [Int] }
    private struct ResultRecord: Codable { let outputs: [OutputRecord]?; let error: String? }

    private var blob = Data()
    private var cases: [CaseRecord] = []
    private let preamble: String
    private let environment: [String: String]

    /// `preamble` is Python run once before the cases (definitions every expression can
    /// use); `environment` is added to the Python process's (`NPY_DISABLE_CPU_FEATURES`
    /// to choose NumPy's code paths).
    public init(preamble: String = "", environment: [String: String] = [:]) {
        self.preamble = preamble
        self.environment = environment
    }

    /// Adds a case; returns its index. Inputs are sent as C-order copies.
    @discardableResult
    public func add(_ expression: String, _ inputs: [NDArray]) -> Int {
        var records: [InputRecord] = []
        for input in inputs {
            let contiguous = input.copy(order: .c)
            let count = contiguous.nbytes
            records.append(InputRecord(offset: blob.count, count: count, dtype: input.dtype.typeString, shape: input.shape))
            if count > 0 { blob.append(Data(bytes: contiguous.baseAddress, count: count)) }
        }
        cases.append(CaseRecord(expr: expression, inputs: records))
        return cases.count - 1
    }

    public var count: Int { cases.count }

    /// Runs every case in NumPy; returns, per case, its outputs (or the Python error).
    public func run() throws -> [[Output]] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-batch-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try blob.write(to: directory.appendingPathComponent("inputs.bin"))
        try JSONEncoder().encode(cases).write(to: directory.appendingPathComponent("cases.json"))
        let script = """
        import json, sys, warnings
        warnings.simplefilter('ignore')
        np.seterr(all='ignore')
        d = sys.argv[1] if len(sys.argv) > 1 else \(String(reflecting: directory.path))
        blob = open(d + '/inputs.bin', 'rb').read()
        cases = json.load(open(d + '/cases.json'))
        definitions = {'np': np}
        exec(compile(\(String(reflecting: preamble)), 'preamble', 'exec'), definitions)
        out = bytearray(); results = []
        for c in cases:
            env = dict(definitions)
            for i, r in enumerate(c['inputs']):
                a = np.frombuffer(blob[r['offset']:r['offset'] + r['count']], dtype=np.dtype(r['dtype'])).reshape(r['shape']).copy()
                env['x%d' % i] = a
            try:
                v = eval(c['expr'], env)
                vs = v if isinstance(v, tuple) else (v,)
                recs = []
                for o in vs:
                    o = np.array(o, copy=True, order='C')
                    b = o.tobytes()
                    recs.append({'offset': len(out), 'count': len(b), 'dtype': o.dtype.str, 'shape': list(o.shape)})
                    out += b
                results.append({'outputs': recs, 'error': None})
            except Exception as e:
                results.append({'outputs': None, 'error': type(e).__name__ + ': ' + str(e)})
        open(d + '/outputs.bin', 'wb').write(out)
        json.dump(results, open(d + '/results.json', 'w'))
        """
        _ = try NumPyOracle.run(script, environment: environment)
        let outputBlob = try fileContents(directory.appendingPathComponent("outputs.bin"))
        let results = try JSONDecoder().decode([ResultRecord].self, from: fileContents(directory.appendingPathComponent("results.json")))
        return results.map { result in
            guard let outputs = result.outputs else {
                return [Output(dtype: "", shape: [], bytes: Data(), error: result.error)]
            }
            return outputs.map { record in
                Output(dtype: record.dtype, shape: record.shape, bytes: outputBlob.subdata(in: record.offset..<(record.offset + record.count)), error: nil)
            }
        }
    }
}

/// Compares an array with NumPy's output: dtype and shape exactly, elements bitwise
/// (any NaN equals any NaN). Returns a description of the first difference, or nil.
public func differenceFromNumPy(_ array: NDArray, _ expected: NumPyBatch.Output) -> String? {
    if let error = expected.error { return "NumPy raised \(error)" }
    guard let expectedType = try? DType(parsing: expected.dtype) else { return "NumPy dtype \(expected.dtype) unknown" }
    if array.dtype != expectedType { return "dtype \(array.dtype) != NumPy's \(expectedType)" }
    if array.shape != expected.shape { return "shape \(array.shape) != NumPy's \(expected.shape)" }
    let contiguous = array.copy(order: .c)
    let actual = contiguous.nbytes == 0 ? Data() : Data(bytes: contiguous.baseAddress, count: contiguous.nbytes)
    if actual == expected.bytes { return nil }
    let item = array.dtype.itemSize
    let partSize = array.dtype.isComplex ? item / 2 : item
    for index in 0..<array.size {
        let a = actual.subdata(in: (index * item)..<((index + 1) * item))
        let b = expected.bytes.subdata(in: (index * item)..<((index + 1) * item))
        if a == b { continue }
        // Any NaN equals any NaN (payloads may differ), part by part for complex.
        var same = true
        for part in stride(from: 0, to: item, by: partSize) {
            let pa = a.subdata(in: part..<(part + partSize)), pb = b.subdata(in: part..<(part + partSize))
            if pa == pb { continue }
            if array.dtype.isInexact && isNaNBits(pa) && isNaNBits(pb) { continue }
            same = false
        }
        if !same {
            return "element \(index): Tessera \(describe(a, array.dtype)) vs NumPy \(describe(b, array.dtype))"
        }
    }
    return nil
}

private func isNaNBits(_ data: Data) -> Bool {
    switch data.count {
    case 2: return data.withUnsafeBytes { $0.loadUnaligned(as: Float16.self) }.isNaN
    case 4: return data.withUnsafeBytes { $0.loadUnaligned(as: Float.self) }.isNaN
    case 8: return data.withUnsafeBytes { $0.loadUnaligned(as: Double.self) }.isNaN
    default: return false
    }
}

private func describe(_ data: Data, _ dtype: DType) -> String {
    let array = NDArray(uninitializedShape: [], dtype: dtype)
    data.withUnsafeBytes { array.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: data.count) }
    if dtype.isComplex {
        let re = array.componentView(imaginary: false).item(Double.self), im = array.componentView(imaginary: true).item(Double.self)
        return "(\(re), \(im))"
    }
    if dtype.isFloatingPoint { return "\(array.item(Double.self)) [0x\(data.map { String(format: "%02x", $0) }.reversed().joined())]" }
    if dtype.isUnsignedInteger { return "\(array.item(UInt64.self))" }
    return "\(array.item(Int64.self))"
}
