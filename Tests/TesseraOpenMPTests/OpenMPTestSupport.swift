import ComplexModule
import Foundation
import Tessera
import _TesseraTestSupport

/// Registries with and without the OpenMP wrapper, built once.
enum OpenMPRegistries {
    static let isAvailable = OpenMPBackend().probe().isAvailable

    static func make(sleef: Bool, threads: Int?) -> LoopRegistry {
        let registry = LoopRegistry()
        do {
            try ScalarBackend().install(into: registry)
            if sleef { try SLEEFBackend().install(into: registry) }
            if let threads { try OpenMPBackend(threadCount: threads).install(into: registry) }
        } catch {
            preconditionFailure("building a registry: \(error)")
        }
        return registry
    }

    static let scalar = make(sleef: false, threads: nil)
    static let scalarThreaded = make(sleef: false, threads: 3)
    static let sleefAvailable = SLEEFBackend().probe().isAvailable
    static let sleef = sleefAvailable ? make(sleef: true, threads: nil) : scalar
    static let sleefThreaded = sleefAvailable ? make(sleef: true, threads: 3) : scalarThreaded
    static let byThreads: [Int: LoopRegistry] = Dictionary(uniqueKeysWithValues: [1, 2, 3, 8].map { ($0, make(sleef: false, threads: $0)) })
}

/// Every element's bits, in C order (NaN payloads and the sign of zero included).
func bits(_ array: NDArray) -> [UInt64] {
    switch array.dtype {
    case .float64: return array.toArray(Double.self).map(\.bitPattern)
    case .float32: return array.toArray(Float.self).map { UInt64($0.bitPattern) }
    case .float16: return array.toArray(Float16.self).map { UInt64($0.bitPattern) }
    case .complex64:
        return array.toArray(Complex<Float>.self).flatMap { [UInt64($0.rawStorage.x.bitPattern), UInt64($0.rawStorage.y.bitPattern)] }
    case .complex128:
        return array.toArray(Complex<Double>.self).flatMap { [$0.rawStorage.x.bitPattern, $0.rawStorage.y.bitPattern] }
    case .bool: return array.toArray(Bool.self).map { $0 ? 1 : 0 }
    case .uint8, .uint16, .uint32, .uint64: return array.toArray(UInt64.self)
    default: return array.toArray(Int64.self).map { UInt64(bitPattern: $0) }
    }
}

/// Where two results first differ, or `nil` when they are bitwise equal.
func firstDifference(_ a: NDArray, _ b: NDArray) -> String? {
    guard a.dtype == b.dtype, a.shape == b.shape else { return "\(a.dtype)\(a.shape) vs \(b.dtype)\(b.shape)" }
    let x = bits(a), y = bits(b)
    guard let index = x.indices.first(where: { x[$0] != y[$0] }) else { return nil }
    return "element \(index): bits \(String(x[index], radix: 16)) vs \(String(y[index], radix: 16))"
}

/// Runs a ufunc by exact loop signature on `registry`.
func run(_ ufunc: UFunc, _ inputs: [NDArray], signature: String, where mask: NDArray? = nil, on registry: LoopRegistry) throws -> [NDArray] {
    try Backends.withRegistry(registry) {
        try ufunc.call(inputs, where: mask, signature: signature)
    }
}

/// Inputs for a loop: seeded values of each input type (shift amounts for shifts).
func inputs(for ufunc: UFunc, _ signature: LoopSignature, count: Int, seed: UInt64) -> [NDArray] {
    signature.inputs.enumerated().map { index, type in
        let shifts = (ufunc.name == "left_shift" || ufunc.name == "right_shift" || ufunc.name == "ldexp") && index == 1
        return ArrayGenerators.values(type, count: count, seed: seed &+ UInt64(index), shiftAmounts: shifts && type.isInteger)
    }
}
