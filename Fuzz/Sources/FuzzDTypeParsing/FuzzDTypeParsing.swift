import FuzzDriver
import Foundation
import TesseraCore

/// libFuzzer entry point: any bytes, read as UTF-8 (repaired), must give a `DType` or a
/// thrown `TesseraError` — never a crash. A parsed dtype must round-trip through its
/// canonical name and its type string.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDTypeParsing(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let dtype = try? DType(parsing: text) else { return 0 }
    guard (try? DType(parsing: dtype.name)) == dtype, (try? DType(parsing: dtype.typeString)) == dtype else {
        fatalError("DType(parsing: \(String(reflecting: text))) = \(dtype) does not round-trip through its name or type string")
    }
    return 0
}

@main
enum Main {
    static func main() {
        exit(tessera_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzDTypeParsing))
    }
}
