import Foundation
import Testing
import Tessera
import _TesseraTestSupport

/// Wrapped loops give bitwise the results of the loops they wrap, for sizes around each
/// split threshold and for strided, broadcast and `where:` inputs.
@Suite("OpenMP wrapped loops")
struct OpenMPLoopTests {
    /// The dtypes each ufunc is checked in (those of its loops that exist).
    static let dtypes: [DType] = [.float64, .float32, .int32, .bool]

    // Elementwise ufuncs only: gufunc tables (matmul, …) share the registry but are not wrapped.
    static let ufuncNames: [String] = OpenMPRegistries.scalar.ufuncNames.filter { (try? UFunc.named($0))?.name == $0 }

    /// Compares `threaded` with `reference` for every loop of `ufunc` that `reference`'s
    /// loops of `backend` provide, at each size around the loop's threshold.
    static func checkLoops(_ ufunc: UFunc, reference: LoopRegistry, threaded: LoopRegistry, backend: String?, dtypes: [DType]) throws {
        for loop in reference.loops(for: ufunc) {
            guard backend.map({ loop.backend == $0 }) ?? true,
                  let type = loop.signature.inputs.first, dtypes.contains(type),
                  loop.signature.inputs.allSatisfy({ $0 == type })
            else { continue }
            let wrapper = threaded.loop(for: ufunc, signature: loop.signature)
            #expect(wrapper?.backend == "openmp", "\(ufunc.name) \(loop.signature) is not wrapped")
            #expect(wrapper?.wrapped?.backend == loop.backend)
            let threshold = OpenMPBackend.splitThreshold(for: loop)
            for count in [threshold - 1, threshold, threshold + 1] {
                let operands = inputs(for: ufunc, loop.signature, count: count, seed: UInt64(count))
                let expected = try run(ufunc, operands, signature: loop.signature.description, on: reference)
                let actual = try run(ufunc, operands, signature: loop.signature.description, on: threaded)
                for (e, a) in zip(expected, actual) {
                    if let difference = firstDifference(a, e) {
                        Issue.record("\(ufunc.name) \(loop.signature) n=\(count): \(difference)")
                        return
                    }
                }
            }
        }
    }

    @Test("scalar,openmp == scalar, bitwise, every ufunc", arguments: ufuncNames)
    func scalarFamilies(name: String) throws {
        let ufunc = try UFunc.named(name)
        try Self.checkLoops(ufunc, reference: OpenMPRegistries.scalar, threaded: OpenMPRegistries.scalarThreaded, backend: nil, dtypes: Self.dtypes)
    }

    @Test("sleef,openmp == sleef, bitwise, every SLEEF loop", arguments: ufuncNames)
    func sleefFamilies(name: String) throws {
        let ufunc = try UFunc.named(name)
        try Self.checkLoops(ufunc, reference: OpenMPRegistries.sleef, threaded: OpenMPRegistries.sleefThreaded, backend: "sleef", dtypes: [.float32, .float64])
    }

    /// One ufunc per family at 10× its threshold, in every layout.
    static let representatives: [(name: String, signature: String)] = [
        ("add", "dd->d"), ("multiply", "ff->f"), ("subtract", "ii->i"), ("true_divide", "dd->d"),
        ("less", "dd->?"), ("equal", "ii->?"), ("logical_and", "??->?"), ("logical_not", "?->?"),
        ("bitwise_xor", "ii->i"), ("left_shift", "BB->B"), ("exp", "d->d"), ("sin", "f->f"),
        ("arctan2", "dd->d"), ("maximum", "dd->d"), ("sqrt", "d->d"), ("divmod", "dd->dd"),
    ]

    @Test("10× threshold: contiguous, strided, broadcast, where:", arguments: [false, true], representatives.map(\.name))
    func layouts(sleef: Bool, name: String) throws {
        #expect(!sleef || OpenMPRegistries.sleefAvailable, "SLEEF must be available (bash ci/setup.sh installs libsleef3)")
        let ufunc = try UFunc.named(name)
        let signatureText = Self.representatives.first { $0.name == name }!.signature
        let signature = try LoopSignature(signatureText)
        let reference = sleef ? OpenMPRegistries.sleef : OpenMPRegistries.scalar
        let threaded = sleef ? OpenMPRegistries.sleefThreaded : OpenMPRegistries.scalarThreaded
        guard let loop = reference.loop(for: ufunc, signature: signature) else {
            Issue.record("no loop \(signatureText) for \(name)")
            return
        }
        let count = 10 * OpenMPBackend.splitThreshold(for: loop) / 1000 * 1000
        func check(_ label: String, _ operands: [NDArray], mask: NDArray? = nil) throws {
            let expected = try run(ufunc, operands, signature: signatureText, where: mask, on: reference)
            let actual = try run(ufunc, operands, signature: signatureText, where: mask, on: threaded)
            for (e, a) in zip(expected, actual) {
                if let difference = firstDifference(a, e) { Issue.record("\(name) \(label): \(difference)") }
            }
        }
        let contiguous = inputs(for: ufunc, signature, count: count, seed: 7)
        try check("contiguous", contiguous)
        let doubled = inputs(for: ufunc, signature, count: 2 * count, seed: 8)
        try check("strided2", doubled.map { $0[NDIndex.slice(nil, nil, 2)] })
        try check("reversed", contiguous.map { $0[NDIndex.slice(nil, nil, -1)] })
        // broadcast: (count/1000)×1000 against a 1000-element row in the last input.
        let matrix = contiguous.map { $0.reshaped([count / 1000, 1000]) }
        let row = inputs(for: ufunc, signature, count: 1000, seed: 9)
        try check("broadcast", Array(matrix.dropLast()) + [row.last!])
        let side = Int(Double(count).squareRoot())
        try check("transposed", contiguous.enumerated().map { index, array in
            let square = array[NDIndex.slice(0, side * side)].reshaped([side, side])
            return index == 0 ? square.transposed() : square
        })
        let mask = ArrayGenerators.values(.bool, count: count, seed: 10)
        try check("where:", contiguous, mask: mask)
    }
}
