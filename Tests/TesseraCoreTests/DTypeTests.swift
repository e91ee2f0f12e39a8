import Foundation
import Testing
import TesseraCore
import _TesseraTestSupport

/// NumPy's promotion and casting tables, live from NumPy when it runs, else from the
/// committed `Fixtures/dtype-tables.json` (made by `Fixtures/make_dtype_tables.py`).
///
/// Under CI (`CI=true`) NumPy is required: CI installs it, so a NumPy that is missing or
/// fails there is a broken setup, not a reason to test against a possibly stale file.
struct DTypeTables: Decodable {
    let numpy: String
    let names: [String]
    let promote: [[String]]
    let can_cast: [String: [[Bool]]]

    /// Where a set of tables came from, for test messages.
    enum Source: Equatable, CustomStringConvertible {
        /// Computed just now by the installed NumPy of this version.
        case live(numpy: String)
        /// Read from the committed file, made with this NumPy version, because live NumPy failed.
        case committed(numpy: String, reason: String)

        var description: String {
            switch self {
            case .live(let version): "live NumPy \(version)"
            case .committed(let version, let reason): "committed Fixtures/dtype-tables.json (NumPy \(version)) because live NumPy failed: \(reason)"
            }
        }
    }

    static func committed() throws -> DTypeTables {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/dtype-tables", withExtension: "json"))
        return try JSONDecoder().decode(DTypeTables.self, from: fileContents(url))
    }

    /// Runs the committed generator script against the installed NumPy.
    static func live() throws -> DTypeTables {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/make_dtype_tables", withExtension: "py"))
        let script = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "if __name__ == \"__main__\":", with: "print(json.dumps(tables()))\nif False:")
        return try NumPyOracle.json(DTypeTables.self, script)
    }

    /// The tables and where they came from: live NumPy, or the committed file when NumPy
    /// fails outside CI. Prints the source, so that a run's log says which was tested.
    /// - Throws: under CI (`CI=true` in `environment`) when live NumPy fails.
    static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        live: () throws -> DTypeTables = DTypeTables.live,
        committed: () throws -> DTypeTables = DTypeTables.committed
    ) throws -> (tables: DTypeTables, source: Source) {
        let result: (tables: DTypeTables, source: Source)
        do {
            let tables = try live()
            result = (tables, .live(numpy: tables.numpy))
        } catch {
            if environment["CI"]?.lowercased() == "true" {
                throw NumPyOracle.Unavailable(description: "DTypeTables: live NumPy failed under CI (CI=true), where it is required: \(error); install it with `bash ci/setup.sh`")
            }
            let tables = try committed()
            result = (tables, .committed(numpy: tables.numpy, reason: "\(error)"))
        }
        print("DTypeTables: \(result.source)")
        return result
    }
}

@Suite struct DTypeTests {
    @Test func canonicalNamesFollowNumPyOrder() throws {
        let tables = try DTypeTables.committed()
        #expect(DType.allCases.map(\.name) == tables.names)
    }

    @Test func promotionMatchesNumPy() throws {
        let (tables, source) = try DTypeTables.load()
        for (i, a) in DType.allCases.enumerated() {
            for (j, b) in DType.allCases.enumerated() {
                #expect(DType.promote(a, b).name == tables.promote[i][j], "promote(\(a), \(b)) against \(source)")
            }
        }
    }

    @Test(arguments: DType.Casting.allCases)
    func canCastMatchesNumPy(rule: DType.Casting) throws {
        let (tables, source) = try DTypeTables.load()
        let table = try #require(tables.can_cast[rule.rawValue], "no \(rule.rawValue) table in \(source)")
        for (i, a) in DType.allCases.enumerated() {
            for (j, b) in DType.allCases.enumerated() {
                #expect(a.canCast(to: b, casting: rule) == table[i][j], "can_cast(\(a), \(b), \(rule.rawValue)) against \(source)")
            }
        }
    }

    @Test("the tables come from live NumPy when it runs, and CI refuses the committed fallback")
    func tableSourceIsReportedAndCIRequiresNumPy() throws {
        let committed = try DTypeTables.committed()
        // A stand-in for a missing NumPy, named as such because load() prints it to the log.
        struct Broken: Error, CustomStringConvertible { var description: String { "(injected by the test) No module named 'numpy'" } }
        let failing: () throws -> DTypeTables = { throw Broken() }

        // Outside CI a failing NumPy falls back to the committed file and says why.
        let local = try DTypeTables.load(environment: [:], live: failing)
        #expect(local.source == .committed(numpy: committed.numpy, reason: "(injected by the test) No module named 'numpy'"))
        #expect(local.tables.promote == committed.promote)
        #expect("\(local.source)".contains("committed") && "\(local.source)".contains("No module named 'numpy'"))

        // Under CI the same failure is an error that names the cause and the fix.
        for value in ["true", "TRUE"] {
            do {
                _ = try DTypeTables.load(environment: ["CI": value], live: failing)
                Issue.record("CI=\(value): a failing NumPy fell back to the committed tables")
            } catch {
                let message = "\(error)"
                #expect(message.contains("CI=true") && message.contains("No module named 'numpy'") && message.contains("ci/setup.sh"), "\(message)")
            }
        }

        // A working NumPy is used, and named, in and out of CI.
        for environment in [[:], ["CI": "true"]] {
            let live = try DTypeTables.load(environment: environment, live: { committed })
            #expect(live.source == .live(numpy: committed.numpy))
        }
    }

    @Test func committedTablesMatchLiveNumPy() throws {
        // Keeps the fallback file honest: regenerate it when NumPy's tables change.
        let live = try DTypeTables.live()
        let committed = try DTypeTables.committed()
        #expect(live.promote == committed.promote)
        #expect(live.can_cast == committed.can_cast)
    }

    static let spellings = [
        "bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
        "float16", "float32", "float64", "complex64", "complex128",
        "<f8", ">f8", "=f4", "|b1", "<i4", ">i4", "|u1", "<c16", "<c8", "<e", "f4", "i8", "u2", "b1", "c16",
        "?", "b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "f", "d", "F", "D", "p", "P",
        "bool_", "byte", "ubyte", "short", "ushort", "intc", "uintc", "long", "ulong",
        "longlong", "ulonglong", "intp", "uintp", "half", "single", "double", "csingle", "cdouble",
        "float", "int", "complex", " float64 ",
    ]

    @Test func parsingMatchesNumPy() throws {
        let names = DTypeTests.spellings.map { "'\($0)'" }.joined(separator: ", ")
        let expected = try NumPyOracle.json([String].self, "print(json.dumps([np.dtype(s.strip()).name for s in [\(names)]]))")
        for (spelling, name) in zip(DTypeTests.spellings, expected) {
            #expect(try DType(parsing: spelling).name == name, "\(spelling)")
        }
        #expect(try DType(parsing: "<f8") == .float64)
    }

    @Test func byteOrderIsReported() throws {
        #expect(try DType.parseWithByteOrder(">i4") == (.int32, true))
        #expect(try DType.parseWithByteOrder("<i4") == (.int32, false))
        #expect(try DType.parseWithByteOrder(">u1") == (.uint8, false))
    }

    @Test(arguments: [
        ("float_", "float64"), ("complex_", "complex128"), ("int0", "intp"), ("uint0", "uintp"),
        ("longfloat", "longdouble"), ("singlecomplex", "complex64"), ("cfloat", "complex128"),
        ("longcomplex", "clongdouble"), ("clongfloat", "clongdouble"), ("bool8", "bool"),
        ("string_", "bytes_"), ("unicode_", "str_"), ("object0", "object_"),
    ])
    func removedNamesNameTheirReplacement(name: String, replacement: String) throws {
        // NumPy 2 rejects these too.
        let rejected = try NumPyOracle.run("""
        try:
            np.dtype('\(name)'); print('accepted')
        except TypeError:
            print('rejected')
        """)
        #expect(rejected.contains("rejected"))
        do {
            _ = try DType(parsing: name)
            Issue.record("\(name) was accepted")
        } catch let error as TesseraError {
            #expect(error.code == .removedDType)
            #expect(error.message.contains("`\(name)` was removed in NumPy 2.0"))
            #expect(error.message.contains("`\(replacement)`"), "\(error.message)")
        }
    }

    @Test(arguments: ["object", "O", "str", "U5", "<U8", "S3", "bytes", "datetime64", "<M8[ns]", "m8", "timedelta64", "longdouble", "clongdouble", "f16", "g", "V8"])
    func unsupportedNumPyDTypes(name: String) throws {
        do {
            _ = try DType(parsing: name)
            Issue.record("\(name) was accepted")
        } catch let error as TesseraError {
            #expect(error.code == .unsupportedDType, "\(name): \(error)")
            #expect(error.message.contains("not support"))
        }
    }

    @Test(arguments: [("flaot64", "float64"), ("int23", "int32"), ("doubel", "double"), ("unit8", "uint8"), ("complex218", "complex128")])
    func unknownNamesSuggestClosest(name: String, suggestion: String) throws {
        do {
            _ = try DType(parsing: name)
            Issue.record("\(name) was accepted")
        } catch let error as TesseraError {
            #expect(error.code == .invalidDType)
            #expect(error.message.contains("did you mean"), "\(error.message)")
            #expect(error.message.contains("`\(suggestion)`"), "\(error.message)")
        }
    }

    @Test func propertiesMatchNumPy() throws {
        struct Info: Decodable { let itemsize: Int; let alignment: Int; let kind: String; let str: String; let char: String }
        let names = DType.allCases.map { "'\($0.name)'" }.joined(separator: ", ")
        let infos = try NumPyOracle.json([Info].self, """
        print(json.dumps([dict(itemsize=d.itemsize, alignment=d.alignment, kind=d.kind, str=d.str, char=d.char) for d in map(np.dtype, [\(names)])]))
        """)
        for (dtype, info) in zip(DType.allCases, infos) {
            #expect(dtype.itemSize == info.itemsize, "\(dtype)")
            #expect(dtype.alignment == info.alignment, "\(dtype)")
            #expect(String(dtype.kind.rawValue) == info.kind, "\(dtype)")
            #expect(dtype.typeString == info.str, "\(dtype)")
            #expect(String(dtype.character) == info.char, "\(dtype)")
        }
    }
}
