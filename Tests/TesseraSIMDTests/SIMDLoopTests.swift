import Testing
import Tessera
import TesseraCore
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

    @Test("each loop states the reduction contract of the scalar loop it replaces (float32/float64 add: the pairwise sum)")
    func reductionContracts() {
        var stated = 0
        for (level, loops) in LoopComparison.levels {
            for (ufunc, loop) in loops {
                let scalar = LoopComparison.scalar.loops(for: ufunc).first { $0.signature == loop.signature }
                #expect(loop.reductionContract == (scalar?.reductionContract ?? .unspecified), "\(ufunc.name) \(loop.signature) at \(level)")
                if loop.reductionContract == .pairwiseSum { stated += 1 }
            }
        }
        // add ff->f and dd->d at every level: the bitwise comparison above backs the statement.
        #expect(stated == 2 * LoopComparison.levels.count)
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

/// Every SIMD cast loop against the core's reference cast (the scalar backend's cast
/// loop) of the same pair, bit for bit, at every level and layout, with NaNs of every
/// sign and payload, infinities, and values beyond every integer range.
@Suite("SIMD casts == reference casts")
struct SIMDCastTests {
    static var sources: [DType] {
        [.bool, .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64, .float16, .float32, .float64]
    }

    @Test("bitwise equal to the reference cast", arguments: sources)
    func equalToReference(source: DType) throws {
        var problems: [String] = []
        var checked = 0
        for level in InstructionSetLevel.allCases.filter(SIMDBackend.supports) {
            for (method, loop) in try SIMDBackend(instructionSet: level).methodLoops() where method == .cast && loop.signature.inputs[0] == source {
                let reference = try #require(LoopComparison.scalar.methodLoop(.cast, signature: loop.signature))
                #expect(reference.backend == "scalar")
                problems += LoopComparison.differences(
                    "cast", loop, reference: reference, level: level, nanPayloads: true, reducible: false,
                    seed: UInt64(source.rawValue) &* 7919)
                checked += 1
            }
        }
        #expect(checked >= 11, "\(source): \(checked) cast loops")
        #expect(problems.isEmpty, "\(problems.prefix(8).joined(separator: "\n"))")
    }

    @Test("astype and mixed-dtype calls use the SIMD casts, with NumPy's results")
    func numpy() throws {
        let registry = try scalarRegistry()
        try SIMDBackend().install(into: registry)
        let batch = NumPyBatch()
        var cases: [(NDArray, Int)] = []
        let pairs: [(DType, DType)] = [(.float32, .float64), (.int64, .float32), (.float64, .int32), (.float16, .float32), (.float64, .uint64), (.float32, .uint8), (.float64, .float16)]
        for (source, destination) in pairs {
            let values = ArrayGenerators.values(source, count: 999, seed: 5)
            cases.append((Backends.withRegistry(registry) { values.astype(destination) }, batch.add("x0.astype(np.\(destination.name))", [values])))
        }
        let a = ArrayGenerators.values(.int32, count: 1000, seed: 6), b = ArrayGenerators.values(.float64, count: 1000, seed: 7)
        cases.append((Backends.withRegistry(registry) { a + b }, batch.add("x0 + x1", [a, b])))
        let outputs = try batch.run()
        for (got, index) in cases {
            #expect(differenceFromNumPy(got, outputs[index][0]) == nil, "case \(index): \(String(describing: differenceFromNumPy(got, outputs[index][0])))")
        }
    }
}
