import FuzzDriver
import Foundation
import Tessera

/// libFuzzer entry point: any bytes, read as a `TESSERA_BACKEND` value, give a list of
/// known, available backend names or a thrown `TesseraError` — never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBackendList(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let names = try? Backends.parse(text) else { return 0 }
    let known = Set(Backends.known.map(\.name))
    for name in names where !known.contains(name) || !Backends.availability(of: name).isAvailable {
        fatalError("Backends.parse(\(String(reflecting: text))) returned `\(name)`, which is not a known available backend")
    }
    guard Set(names).count == names.count else {
        fatalError("Backends.parse(\(String(reflecting: text))) returned duplicates: \(names)")
    }
    return 0
}

@main
enum Main {
    static func main() {
        exit(tessera_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzBackendList))
    }
}
