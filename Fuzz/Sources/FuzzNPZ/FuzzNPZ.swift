import FuzzDriver
import Foundation
import TesseraCore

/// libFuzzer entry point: any bytes given to `NDArray.readArchive(npzData:)` give arrays
/// or a thrown `TesseraError` — never a crash, an out-of-bounds read or a huge allocation.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPZ(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: size, deallocator: .none) } ?? Data()
    guard let arrays = try? NDArray.readArchive(npzData: bytes) else { return 0 }
    for (name, array) in arrays {
        guard let again = try? NDArray(npyData: array.npyData()), again.npyData() == array.npyData() else {
            fatalError("member \(name) of dtype \(array.dtype) and shape \(array.shape) does not survive a .npy round trip")
        }
    }
    return 0
}

@main
enum Main {
    static func main() {
        exit(tessera_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, fuzzNPZ))
    }
}
