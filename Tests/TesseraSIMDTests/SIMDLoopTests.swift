import Testing
import Tessera
import _TesseraTestSupport

/// Every SIMD loop against the scalar backend's loop of the same signature, bit for bit,
/// at every instruction-set level this CPU has: contiguous, broadcast, strided, reversed
/// and in-place layouts with every length 0…300, and reductions (the output is the first
/// input, stride 0) up to 4099 elements.
@Suite("SIMD loops == scalar loops")
struct SIMDLoopTests {
    /// Ufuncs whose NaN results are chosen by rule, not by the hardware's operand order, so
    /// NaNs of every sign and payload can be compared bit for bit. Elsewhere (two NaN
    /// operands of `add`), which NaN comes out depends on how a compiler orders the
    /// operands of a commutative instruction, in the scalar backend too.
    static let payloadExact: Set<String> = ["maximum", "minimum", "fmax", "fmin", "negative", "absolute", "isnan", "isinf", "isfinite", "signbit", "sign"]

    static var ufuncNames: [String] {
        Array(Set(LoopComparison.levels.first!.loops.map(\.ufunc.name))).sorted()
    }

    @Test("bitwise equal to the scalar backend", arguments: ufuncNames)
    func equalToScalar(name: String) throws {
        var problems: [String] = []
        for (level, loops) in LoopComparison.levels {
            for (ufunc, loop) in loops where ufunc.name == name {
                problems += LoopComparison.differences(
                    ufunc, loop, level: level, nanPayloads: Self.payloadExact.contains(name),
                    reducible: true, seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(6).joined(separator: "\n"))")
    }

    @Test("every level this CPU has is tested, and loops report the level they run at")
    func levels() throws {
        #expect(LoopComparison.levels.map(\.level).contains(.sse2))
        for (level, loops) in LoopComparison.levels {
            #expect(!loops.isEmpty)
            for (_, loop) in loops {
                #expect(loop.backend == "simd")
                #expect(InstructionSetLevel(rawValue: loop.instructionSet).map { $0 <= level } == true, "\(loop)")
            }
        }
    }
}
