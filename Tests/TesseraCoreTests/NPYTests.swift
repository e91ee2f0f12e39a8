import Foundation
import Testing
import TesseraCore
import _TesseraTestSupport

@Suite("NPY")
struct NPYTests {
    /// One file NumPy wrote, and what NumPy says it holds.
    struct WrittenByNumPy: Decodable {
        var file: String
        var description: NPYTestSupport.Description
    }

    /// Every dtype in C order (n-d, 0-d, empty), Fortran order, big-endian (both orders)
    /// and format versions 2.0 and 3.0, written by NumPy.
    static func writeNumPyFiles(into directory: URL) throws -> [WrittenByNumPy] {
        try NumPyOracle.json([WrittenByNumPy].self, NPYTestSupport.pythonPrelude + """
        out = []
        d = \(String(reflecting: directory.path))
        for name in DTYPES:
            big = np.dtype(name).newbyteorder('>')
            cases = {
                'c3d': sample(name, (2, 3, 4)),
                'zero-d': sample(name, ()),
                'empty': sample(name, (0, 3)),
                'one': sample(name, (7,)),
                'fortran': np.asfortranarray(sample(name, (3, 5))),
                'fortran3d': np.asfortranarray(sample(name, (2, 3, 4))),
                'big': sample(name, (4, 3)).astype(big),
                'big-fortran': np.asfortranarray(sample(name, (4, 3)).astype(big)),
                'big-zero-d': sample(name, ()).astype(big),
            }
            for label, a in cases.items():
                path = f'{d}/{name}-{label}.npy'
                np.save(path, a)
                out.append({'file': path, 'description': describe(a)})
            for version in [(2, 0), (3, 0)]:
                a = sample(name, (3, 2))
                path = f'{d}/{name}-v{version[0]}.npy'
                with open(path, 'wb') as f:
                    np.lib.format.write_array(f, a, version=version)
                out.append({'file': path, 'description': describe(a)})
        print(json.dumps(out))
        """)
    }

    @Test("reads every dtype, order, byte order and version NumPy writes")
    func readsNumPyFiles() throws {
        let directory = try NPYTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try Self.writeNumPyFiles(into: directory)
        #expect(files.count == 14 * 11)
        for entry in files {
            let array = try NDArray(contentsOf: URL(fileURLWithPath: entry.file))
            let expected = entry.description
            #expect(array.dtype.name == expected.dtype, "\(entry.file)")
            #expect(array.shape == expected.shape, "\(entry.file)")
            #expect(NPYTestSupport.isFortranOnly(array) == expected.fortran, "\(entry.file)")
            #expect(NPYTestSupport.nativeHex(array) == expected.hex, "\(entry.file)")
        }
    }

    @Test("files Tessera writes load in NumPy with the same values, byte for byte as numpy.save")
    func numpyReadsTesseraFiles() throws {
        let directory = try NPYTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try Self.writeNumPyFiles(into: directory)
        var written: [String] = []
        for entry in files {
            let array = try NDArray(contentsOf: URL(fileURLWithPath: entry.file))
            let path = entry.file + ".tessera.npy"
            try array.write(to: URL(fileURLWithPath: path))
            written.append(path)
        }
        struct Loaded: Decodable {
            var description: NPYTestSupport.Description
            var sameAsNumPySave: Bool
        }
        let loaded = try NumPyOracle.json([Loaded].self, NPYTestSupport.pythonPrelude + """
        out = []
        for path in json.loads(\(String(reflecting: String(decoding: try JSONEncoder().encode(written), as: UTF8.self)))):
            a = np.load(path)
            buffer = io.BytesIO()
            np.save(buffer, a)
            out.append({'description': describe(a), 'sameAsNumPySave': buffer.getvalue() == open(path, 'rb').read()})
        print(json.dumps(out))
        """)
        #expect(loaded.count == files.count)
        for (entry, result) in zip(files, loaded) {
            let original = entry.description
            let littleEndian = try DType(parsing: original.dtype).typeString
            #expect(result.description.str == littleEndian, "\(entry.file)")
            #expect(result.description.shape == original.shape, "\(entry.file)")
            #expect(result.description.fortran == original.fortran, "\(entry.file)")
            #expect(result.description.hex == original.hex, "\(entry.file)")
            #expect(result.sameAsNumPySave, "\(entry.file): header or data differs from numpy.save")
        }
    }

    @Test("arrays made in Swift load in NumPy with their values")
    func swiftArraysInNumPy() throws {
        let directory = try NPYTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let values: [Double] = [1.5, -2, 0.25, 1000, -0.0, 3, 7, -8, 100, 0.5, 42, -1]
        let base = NDArray(values, shape: [3, 4])
        var paths: [String] = []
        var arrays: [NDArray] = []
        for dtype in DType.allCases {
            for (label, array) in [("c", base.astype(dtype)), ("f", base.astype(dtype).copy(order: .fortran)),
                                   ("scalar", NDArray(scalar: 2.5).astype(dtype))] {
                let path = directory.appendingPathComponent("\(dtype.name)-\(label).npy").path
                try array.write(to: URL(fileURLWithPath: path))
                paths.append(path)
                arrays.append(array)
            }
        }
        struct Loaded: Decodable {
            var description: NPYTestSupport.Description
            var asFloat64: [Double]
        }
        let loaded = try NumPyOracle.json([Loaded].self, NPYTestSupport.pythonPrelude + """
        out = []
        for path in json.loads(\(String(reflecting: String(decoding: try JSONEncoder().encode(paths), as: UTF8.self)))):
            a = np.load(path)
            out.append({'description': describe(a), 'asFloat64': [float(x) for x in a.real.astype(np.float64).ravel()] if a.dtype.kind == 'c' else [float(x) for x in a.astype(np.float64).ravel()]})
        print(json.dumps(out))
        """)
        #expect(loaded.count == arrays.count)
        for (array, result) in zip(arrays, loaded) {
            #expect(result.description.dtype == array.dtype.name)
            #expect(result.description.shape == array.shape)
            #expect(result.description.fortran == NPYTestSupport.isFortranOnly(array))
            #expect(result.description.hex == NPYTestSupport.nativeHex(array))
            let expected = array.dtype.isComplex ? array.astype(array.dtype.realComponent).toArray(Double.self) : array.toArray(Double.self)
            #expect(result.asFloat64 == expected, "\(array.dtype)")
        }
    }

    @Test("the in-memory form round-trips every dtype")
    func inMemoryRoundTrip() throws {
        let base = NDArray([1.0, -2, 3.5, 0, 255, -128], shape: [2, 3])
        for dtype in DType.allCases {
            for array in [base.astype(dtype), base.astype(dtype).copy(order: .fortran), NDArray.zeros([0, 4], dtype: dtype)] {
                let back = try NDArray(npyData: array.npyData())
                #expect(back.dtype == array.dtype)
                #expect(back.shape == array.shape)
                #expect(back.strides == array.strides)
                #expect(NPYTestSupport.nativeHex(back) == NPYTestSupport.nativeHex(array))
            }
        }
    }

    @Test("bool bytes other than 0 and 1 read as True, and are written back as 1")
    func boolNormalisation() throws {
        let directory = try NPYTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bools.npy").path
        _ = try NumPyOracle.run("np.save(\(String(reflecting: path)), np.frombuffer(bytes([0, 2, 1, 255]), dtype=bool))")
        let array = try NDArray(contentsOf: URL(fileURLWithPath: path))
        #expect(array.toArray(Bool.self) == [false, true, true, true])
        try array.write(to: URL(fileURLWithPath: path))
        let raw = try NumPyOracle.run("print(np.load(\(String(reflecting: path))).view(np.uint8).tolist())")
        #expect(raw.trimmingCharacters(in: .whitespacesAndNewlines) == "[0, 1, 1, 1]")
    }

    @Test("a header too long for version 1.0 is written as version 2.0, which NumPy parses")
    func writesVersion2WhenNeeded() throws {
        let directory = try NPYTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shape = [Int](repeating: 1, count: 25_000) + [0]
        let array = NDArray.zeros(shape, dtype: .int16)
        let data = array.npyData()
        #expect(data[6] == 2 && data[7] == 0)
        #expect(try NDArray(npyData: data).shape == shape)
        let url = directory.appendingPathComponent("v2.npy")
        try array.write(to: url)
        struct Header: Decodable { var ndim: Int; var last: Int; var fortran: Bool; var dtype: String; var offset: Int }
        let header = try NumPyOracle.json(Header.self, """
        with open(\(String(reflecting: url.path)), 'rb') as f:
            assert np.lib.format.read_magic(f) == (2, 0)
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(f, max_header_size=10**6)
            print(json.dumps({'ndim': len(shape), 'last': shape[-1], 'fortran': fortran, 'dtype': dtype.str, 'offset': f.tell()}))
        """)
        #expect(header.ndim == shape.count)
        #expect(header.last == 0)
        #expect(!header.fortran)
        #expect(header.dtype == "<i2")
        #expect(header.offset == data.count)
        #expect(header.offset % 64 == 0)
    }

    @Test("a missing file is an .io error")
    func missingFile() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-no-such-\(UUID().uuidString).npy")
        #expect(throws: TesseraError.self) { try NDArray(contentsOf: url) }
        do {
            _ = try NDArray(contentsOf: url)
        } catch let error as TesseraError {
            #expect(error.code == .io)
            #expect(error.message.contains(url.lastPathComponent))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Suite("NPY malformed corpus")
struct NPYMalformedTests {
    struct Expectation: Decodable {
        var code: String
        var message_contains: String
    }

    static var corpus: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("npy-malformed")
    }

    static func manifest() throws -> [String: Expectation] {
        let data = try fileContents(corpus.appendingPathComponent("manifest.json"))
        return try JSONDecoder().decode([String: Expectation].self, from: data)
    }

    @Test("every malformed file gives the expected error code and says what is wrong")
    func corpusGivesErrors() throws {
        let manifest = try Self.manifest()
        #expect(manifest.count >= 60)
        let listed = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0 != "manifest.json" }
        #expect(Set(listed) == Set(manifest.keys), "files and manifest differ")
        for (name, expectation) in manifest.sorted(by: { $0.key < $1.key }) {
            let url = Self.corpus.appendingPathComponent(name)
            do {
                if name.hasSuffix(".npz") {
                    let arrays = try NDArray.readArchive(contentsOf: url)
                    Issue.record("\(name) was accepted: \(arrays.keys.sorted())")
                } else {
                    let array = try NDArray(contentsOf: url)
                    Issue.record("\(name) was accepted: shape \(array.shape), dtype \(array.dtype)")
                }
            } catch let error as TesseraError {
                #expect(error.code.rawValue == expectation.code, "\(name): \(error.message)")
                #expect(
                    error.message.lowercased().contains(expectation.message_contains.lowercased()),
                    "\(name): message \"\(error.message)\" should mention \"\(expectation.message_contains)\""
                )
            } catch {
                Issue.record("\(name) threw a non-Tessera error: \(error)")
            }
        }
    }

    @Test("the committed corpus is what make_malformed_npy.py makes")
    func corpusIsReproducible() throws {
        let directory = try NPYTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = Self.corpus.deletingLastPathComponent().appendingPathComponent("make_malformed_npy.py")
        _ = try NumPyOracle.run("""
        import runpy, sys
        sys.argv = [\(String(reflecting: script.path)), \(String(reflecting: directory.path))]
        runpy.run_path(sys.argv[0], run_name='__main__')
        """)
        let manifest = try Self.manifest()
        for name in manifest.keys.sorted() + ["manifest.json"] {
            let committed = try fileContents(Self.corpus.appendingPathComponent(name))
            let generated = try fileContents(directory.appendingPathComponent(name))
            #expect(committed == generated, "\(name) differs from the script's output; rerun make_malformed_npy.py")
        }
    }
}
