import Foundation
import Testing
import TesseraCore
import _TesseraTestSupport

@Suite("NPZ")
struct NPZTests {
    @Test("reads archives written by numpy.savez and numpy.savez_compressed", arguments: [false, true])
    func readsNumPyArchives(compressed: Bool) throws {
        let directory = try NPYTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("numpy.npz").path
        let expected = try NumPyOracle.json([String: NPYTestSupport.Description].self, NPYTestSupport.pythonPrelude + """
        arrays = {}
        for name in DTYPES:
            arrays[name] = sample(name, (3, 4))
        arrays['fortran'] = np.asfortranarray(sample('float64', (3, 5)))
        arrays['big_endian'] = sample('int32', (6,)).astype('>i4')
        arrays['zero_d'] = sample('complex128', ())
        arrays['empty'] = sample('float32', (0, 2))
        (np.savez_compressed if \(compressed ? "True" : "False") else np.savez)(\(String(reflecting: path)), **arrays)
        with zipfile.ZipFile(\(String(reflecting: path))) as z:
            methods = {i.compress_type for i in z.infolist()}
            assert methods == {\(compressed ? "zipfile.ZIP_DEFLATED" : "zipfile.ZIP_STORED")}, methods
        print(json.dumps({k: describe(v) for k, v in arrays.items()}))
        """)
        let arrays = try NDArray.readArchive(contentsOf: URL(fileURLWithPath: path))
        #expect(Set(arrays.keys) == Set(expected.keys))
        for (name, description) in expected {
            guard let array = arrays[name] else { continue }
            #expect(array.dtype.name == description.dtype, "\(name)")
            #expect(array.shape == description.shape, "\(name)")
            #expect(NPYTestSupport.isFortranOnly(array) == description.fortran, "\(name)")
            #expect(NPYTestSupport.nativeHex(array) == description.hex, "\(name)")
        }
    }

    @Test("archives Tessera writes load in numpy.load, stored or deflated", arguments: [false, true])
    func numpyReadsTesseraArchives(compressed: Bool) throws {
        let directory = try NPYTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("tessera.npz")
        let base = NDArray((0..<12).map { Double($0) * 1.25 - 4 }, shape: [3, 4])
        var arrays: [String: NDArray] = [:]
        for dtype in DType.allCases { arrays[dtype.name] = base.astype(dtype) }
        arrays["fortran"] = base.copy(order: .fortran)
        arrays["zero_d"] = NDArray(scalar: Int16(-7))
        arrays["empty"] = NDArray.zeros([2, 0], dtype: .uint32)
        arrays["large"] = NDArray([Double](repeating: 0.5, count: 100_000))
        try NDArray.writeArchive(arrays, to: url, compressed: compressed)
        // Writing again replaces the file rather than failing.
        try NDArray.writeArchive(arrays, to: url, compressed: compressed)

        struct Loaded: Decodable {
            var arrays: [String: NPYTestSupport.Description]
            var methods: [String: Int]
            var sizes: [String: [Int]]
        }
        let loaded = try NumPyOracle.json(Loaded.self, NPYTestSupport.pythonPrelude + """
        path = \(String(reflecting: url.path))
        with np.load(path) as f:
            arrays = {k: describe(f[k]) for k in f.files}
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
            methods = {i.filename: i.compress_type for i in z.infolist()}
            sizes = {i.filename: [i.compress_size, i.file_size] for i in z.infolist()}
        print(json.dumps({'arrays': arrays, 'methods': methods, 'sizes': sizes}))
        """)
        #expect(Set(loaded.arrays.keys) == Set(arrays.keys))
        for (name, array) in arrays {
            guard let description = loaded.arrays[name] else { continue }
            #expect(description.dtype == array.dtype.name, "\(name)")
            #expect(description.shape == array.shape, "\(name)")
            #expect(description.fortran == NPYTestSupport.isFortranOnly(array), "\(name)")
            #expect(description.hex == NPYTestSupport.nativeHex(array), "\(name)")
            #expect(loaded.methods[name + ".npy"] == (compressed ? 8 : 0), "\(name)")
        }
        let large = loaded.sizes["large.npy"] ?? [0, 0]
        #expect(compressed ? large[0] < large[1] / 10 : large[0] == large[1])
    }

    @Test("the in-memory form round-trips")
    func inMemoryRoundTrip() throws {
        let arrays: [String: NDArray] = [
            "a": NDArray([1, 2, 3] as [Int64]),
            "b": NDArray([true, false, true, true], shape: [2, 2]).copy(order: .fortran),
            "nested/name": NDArray(scalar: Float16(0.5)),
        ]
        for compressed in [false, true] {
            let back = try NDArray.readArchive(npzData: NDArray.npzData(arrays, compressed: compressed))
            #expect(Set(back.keys) == Set(arrays.keys))
            for (name, array) in arrays {
                #expect(back[name]?.dtype == array.dtype)
                #expect(back[name]?.strides == array.strides)
                #expect(back[name].map(NPYTestSupport.nativeHex) == NPYTestSupport.nativeHex(array))
            }
        }
    }

    @Test("an empty member name is refused")
    func emptyName() {
        #expect(throws: TesseraError(.valueError, "an .npz member needs a non-empty name")) {
            try NDArray.npzData(["": NDArray([1.0])])
        }
    }
}
