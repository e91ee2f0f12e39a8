import Foundation
import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// The catalogue's traits (read instead of ufunc names) and the loops' reduction
/// contract: a parallel float sum splits only through a loop that states the pairwise
/// contract, so another backend's `add dd->d` cannot silently break "a parallel sum equals
/// the single-threaded one bit for bit".
@Suite("UFunc traits and reduction contracts")
struct UFuncTraitsTests {
    /// Claims four threads (so reductions take their parallel paths) and runs the parts on
    /// the calling thread, last first: partials must not depend on the order they are made in.
    struct ReversedSerialExecutor: ParallelExecutor {
        var threadCount: Int { 4 }
        func parallelFor(_ count: Int, _ body: (Int) -> Void) {
            for index in (0..<count).reversed() { body(index) }
        }
    }

    /// An `add dd->d` loop whose reduction call adds the run element by element, in order:
    /// a correct loop, but not the pairwise contract.
    static let sequentialAdd: InnerLoopFunction = { args, count, steps, _ in
        let a = args![0]!, b = args![1]!, out = args![2]!
        let sa = steps![0], sb = steps![1], so = steps![2]
        for i in 0..<count {
            let sum = (a + i * sa).load(as: Double.self) + (b + i * sb).load(as: Double.self)
            (out + i * so).storeBytes(of: sum, as: Double.self)
        }
    }

    /// Magnitudes from 2⁻³⁰ to 2³⁰, so that any other association of the sum rounds differently.
    static func values(count: Int, seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            Double.random(in: 1..<2, using: &rng) * Double(sign: Bool.random(using: &rng) ? .minus : .plus, exponent: Int.random(in: -30...30, using: &rng), significand: 1)
        }
    }

    @Test("a float sum through a loop without the pairwise contract is not split: bitwise the sequential fold")
    func uncontractedLoopIsNotSplit() throws {
        let registry = try scalarRegistry()
        let signature = try LoopSignature("dd->d")
        let loop = InnerLoop(signature: signature, function: Self.sequentialAdd, backend: "test")
        #expect(loop.reductionContract == .unspecified)
        _ = try registry.replaceLoop(for: .add, signature: signature, with: loop)
        registry.executor = ReversedSerialExecutor()

        // Above the parallel minimum and long enough for several pairwise leaves.
        for (count, seed) in [(100_003, UInt64(1)), (250_000, 2)] {
            let values = Self.values(count: count, seed: seed)
            var sequential = values[0]
            for value in values.dropFirst() { sequential += value }
            // A split (pieces of 16 384, as the pairwise tree cuts them) would round
            // differently on this data, so the check below can fail.
            var chunked = 0.0
            for start in stride(from: 0, to: count, by: 16_384) {
                var piece = -0.0
                for value in values[start..<Swift.min(start + 16_384, count)] { piece += value }
                chunked += piece
            }
            #expect(chunked.bitPattern != sequential.bitPattern, "data too tame to show a split (n=\(count))")

            let array = NDArray(values)
            try Backends.withRegistry(registry) { () throws in
                let parallel = try UFunc.add.reduce(array, axis: nil).item(Double.self)
                #expect(parallel.bitPattern == sequential.bitPattern, "n=\(count): parallel \(parallel), sequential fold \(sequential)")
                let strided = try UFunc.add.reduce(array[NDIndex.slice(nil, nil, -1)], axis: nil).item(Double.self)
                var reversed = values[count - 1]
                for value in values.dropLast().reversed() { reversed += value }
                #expect(strided.bitPattern == reversed.bitPattern, "n=\(count), reversed view")
            }
        }
    }

    @Test("the parallel split reads the loop's stated contract and the ufunc's traits")
    func privateStartReadsTraits() throws {
        let registry = try scalarRegistry()
        let stated = try #require(registry.loops(for: .add).first { $0.signature.description == "dd->d" })
        #expect(stated.reductionContract == .pairwiseSum)
        let unstated = InnerLoop(signature: stated.signature, function: Self.sequentialAdd, backend: "test")
        #expect(ReductionKernel.privateStart(ufunc: .add, loop: stated, type: .float64) != nil)
        #expect(ReductionKernel.privateStart(ufunc: .add, loop: unstated, type: .float64) == nil)
        // Stating the contract is what makes the difference.
        #expect(ReductionKernel.privateStart(ufunc: .add, loop: unstated.stating(.pairwiseSum), type: .float64) != nil)
        // Which scalar loops state it: float32 and float64 add only.
        for loop in registry.loops(for: .add) {
            let expected: InnerLoop.ReductionContract = ["ff->f", "dd->d"].contains(loop.signature.description) ? .pairwiseSum : .unspecified
            #expect(loop.reductionContract == expected, "add \(loop.signature)")
        }
        for ufunc in UFunc.all where ufunc !== UFunc.add {
            for loop in registry.loops(for: ufunc) {
                #expect(loop.reductionContract == .unspecified, "\(ufunc.name) \(loop.signature)")
            }
        }
        // Integer partials start from the identity as NumPy casts it; selections from their first element.
        let int16 = try #require(registry.loops(for: .bitwiseAnd).first { $0.signature.description == "hh->h" })
        guard case .bytes(let ones)? = ReductionKernel.privateStart(ufunc: .bitwiseAnd, loop: int16, type: .int16) else {
            Issue.record("bitwise_and int16 has no private start"); return
        }
        #expect(ones == [0xFF, 0xFF])
        let maximum = try #require(registry.loops(for: .maximum).first { $0.signature.description == "dd->d" })
        if case .firstElement? = ReductionKernel.privateStart(ufunc: .maximum, loop: maximum, type: .float64) {} else {
            Issue.record("maximum does not start from its first element")
        }
        #expect(ReductionKernel.privateStart(ufunc: .subtract, loop: maximum, type: .float64) == nil)
    }

    /// The catalogue's data against live NumPy: names, arity, identity (and so
    /// reorderability), and which ufuncs refuse bool although bool casts to their loops.
    @Test("catalogue entries match NumPy's ufunc attributes")
    func catalogueMatchesNumPy() throws {
        struct Facts: Decodable {
            let nin: Int
            let nout: Int
            let identity: String
            let rejectsBool: Bool
            let aliases: [String]
        }
        let names = UFunc.all.map { "'\($0.name)'" }.joined(separator: ", ")
        let script = """
        import json, warnings
        import numpy as np
        warnings.simplefilter('ignore')
        out = {}
        for name in [\(names)]:
            u = getattr(np, name)
            ident = 'none' if u.identity is None else repr(float(u.identity))
            try:
                u(*([np.array([True, False])] * u.nin))
                rejects = False
            except TypeError:
                rejects = True
            aliases = sorted(k for k, v in vars(np).items() if v is u and k != name)
            out[name] = dict(nin=u.nin, nout=u.nout, identity=ident, rejectsBool=rejects, aliases=aliases)
        print(json.dumps(out))
        """
        let facts = try NumPyOracle.json([String: Facts].self, script)
        let registry = try scalarRegistry()
        let aliases = Dictionary(grouping: UFunc.aliases, by: \.value).mapValues { $0.map(\.key).sorted() }
        for ufunc in UFunc.all {
            let numpy = try #require(facts[ufunc.name], "\(ufunc.name) not in NumPy")
            #expect(ufunc.inputCount == numpy.nin && ufunc.outputCount == numpy.nout, "\(ufunc.name) arity")
            let identity: String = switch ufunc.identity {
            case .none, .reorderableNone: "none"
            case .value(let value): "\(value)"
            }
            #expect(identity == numpy.identity, "\(ufunc.name) identity: \(identity), NumPy \(numpy.identity)")
            if ufunc.boolRejection != nil {
                #expect(numpy.rejectsBool, "\(ufunc.name) rejects bool, NumPy does not")
            }
            if numpy.rejectsBool {
                let bools = NDArray([true, false])
                try Backends.withRegistry(registry) { () throws in
                    #expect(throws: (any Error).self, "\(ufunc.name) accepts bool, NumPy does not") {
                        try ufunc.call(Array(repeating: bools, count: ufunc.inputCount))
                    }
                }
            }
            let ours = aliases[ufunc.name] ?? []
            #expect(Set(ours).isSubset(of: Set(numpy.aliases)), "\(ufunc.name) aliases \(ours), NumPy \(numpy.aliases)")
            #expect(ufunc.traits.contains(.logical) == ufunc.name.hasPrefix("logical_"), "\(ufunc.name) logical trait")
        }
    }
}
