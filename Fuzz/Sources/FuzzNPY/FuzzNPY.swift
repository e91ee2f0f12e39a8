import FuzzDriver
import Foundation
import TesseraCore

/// libFuzzer entry point: any bytes given to `NDArray(npyData:)` give an array or a thrown
/// `TesseraError` — never a crash, an out-of-bounds read or a huge allocation. A decoded
/// array must survive writing and reading back unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // `bytesNoCopy` lets AddressSanitizer see reads past libFuzzer's exact-size buffer.
    let bytes = data.map { Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: size, deallocator: .none) } ?? Data()
    guard let array = try? NDArray(npyData: bytes) else { return 0 }
    let again: NDArray
    do {
        again = try NDArray(npyData: array.npyData())
    } catch {
        fatalError("an array read from .npy cannot be read back after writing: \(error)")
    }
    guard again.dtype == array.dtype, again.shape == array.shape, again.npyData() == array.npyData() else {
        fatalError(".npy round trip changed the array: \(array.dtype) \(array.shape) -> \(again.dtype) \(again.shape)")
    }
    return 0
}

@main
enum Main {
    static func main() {
        exit(tessera_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzNPY))
    }
}
