import Foundation

/// NumPy's own inner loops called directly, with chosen pointers, counts and strides —
/// the oracle for a loop's behaviour on every layout, independent of how either library
/// iterates. Each case is a memory image (raw bytes, placed 64-byte aligned) and a list of
/// calls into it; NumPy runs the calls on its copy of the image (through the loop
/// `ufunc._get_strided_loop` hands out, the one its machinery calls) and the test runs
/// them on Tessera's copy, then the two images are compared.
public final class NumPyInnerLoops {
    /// One inner-loop call: operands as byte offsets into the image (inputs then outputs).
    public struct Call: Codable {
        public let ufunc: String
        /// NumPy dtype characters of the operands, inputs then outputs (`["d", "d", "d"]`).
        public let types: [String]
        public let count: Int
        public let offsets: [Int]
        public let steps: [Int]

        public init(ufunc: String, types: [String], count: Int, offsets: [Int], steps: [Int]) {
            self.ufunc = ufunc
            self.types = types
            self.count = count
            self.offsets = offsets
            self.steps = steps
        }
    }

    private struct CaseRecord: Codable { let offset: Int; let length: Int; let calls: [Call] }

    private var blob = Data()
    private var cases: [CaseRecord] = []

    public init() {}

    /// Adds a case; returns its index.
    @discardableResult
    public func add(image: Data, calls: [Call]) -> Int {
        cases.append(CaseRecord(offset: blob.count, length: image.count, calls: calls))
        blob.append(image)
        return cases.count - 1
    }

    public var count: Int { cases.count }

    /// Runs every case's calls in NumPy; returns each case's image afterwards.
    public func run() throws -> [Data] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-loops-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try blob.write(to: directory.appendingPathComponent("images.bin"))
        try JSONEncoder().encode(cases).write(to: directory.appendingPathComponent("cases.json"))
        let script = """
        import ctypes, json, sys, warnings
        warnings.simplefilter('ignore')
        np.seterr(all='ignore')
        d = \(String(reflecting: directory.path))
        P = ctypes.pythonapi
        P.PyCapsule_GetPointer.restype = ctypes.c_void_p
        P.PyCapsule_GetPointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
        P.PyCapsule_GetName.restype = ctypes.c_char_p
        P.PyCapsule_GetName.argtypes = [ctypes.py_object]
        class CallInfo(ctypes.Structure):
            _fields_ = [('loop', ctypes.c_void_p), ('context', ctypes.c_void_p), ('auxdata', ctypes.c_void_p),
                        ('pyapi', ctypes.c_bool), ('nofpe', ctypes.c_bool)]
        LOOP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p),
                                ctypes.POINTER(ctypes.c_ssize_t), ctypes.POINTER(ctypes.c_ssize_t), ctypes.c_void_p)
        loops = {}
        def loop(name, types):
            key = (name, tuple(types))
            if key not in loops:
                info = getattr(np, name)._resolve_dtypes_and_context(tuple(np.dtype(t) for t in types))[1]
                getattr(np, name)._get_strided_loop(info)
                ci = CallInfo.from_address(P.PyCapsule_GetPointer(info, P.PyCapsule_GetName(info)))
                loops[key] = (info, ci, LOOP(ci.loop))
            return loops[key]
        blob = open(d + '/images.bin', 'rb').read()
        out = bytearray()
        for c in json.load(open(d + '/cases.json')):
            n = c['length']
            memory = np.zeros(n + 128, np.uint8)
            base = (memory.ctypes.data + 63) // 64 * 64
            start = base - memory.ctypes.data
            memory[start:start + n] = np.frombuffer(blob[c['offset']:c['offset'] + n], np.uint8)
            for k in c['calls']:
                info, ci, f = loop(k['ufunc'], k['types'])
                m = len(k['offsets'])
                args = (ctypes.c_void_p * m)(*[base + o for o in k['offsets']])
                dims = (ctypes.c_ssize_t * 1)(k['count'])
                steps = (ctypes.c_ssize_t * m)(*k['steps'])
                f(ci.context, args, dims, steps, ci.auxdata)
            out += memory[start:start + n].tobytes()
        open(d + '/out.bin', 'wb').write(out)
        """
        _ = try NumPyOracle.run(script)
        let result = try Data(contentsOf: directory.appendingPathComponent("out.bin"))
        return cases.map { result.subdata(in: $0.offset..<($0.offset + $0.length)) }
    }
}
