import Foundation
import Testing
@testable import TesseraCore
import TesseraScalar
import _TesseraTestSupport

/// Each kind of misuse of the ufunc machinery has its own ``TesseraError/Code`` and a
/// message that says what was wrong and what would be right.
@Suite struct ErrorCodeTests {
    /// The error `body` throws, or nil (recorded as an issue) when it throws none.
    func error(_ what: String, _ body: () throws -> Any) -> TesseraError? {
        do {
            _ = try body()
            Issue.record("\(what) did not throw")
        } catch let error as TesseraError {
            return error
        } catch {
            Issue.record("\(what) threw \(error), not a TesseraError")
        }
        return nil
    }

    /// Checks the code and that the message contains each fragment.
    func expect(_ what: String, _ code: TesseraError.Code, _ fragments: [String], _ body: () throws -> Any) {
        guard let error = error(what, body) else { return }
        #expect(error.code == code, "\(what): \(error.code) (\(error.message))")
        for fragment in fragments {
            #expect(error.message.contains(fragment), "\(what): `\(fragment)` not in \"\(error.message)\"")
        }
    }

    @Test func wrongNumberOfOperandsIsOperandCount() throws {
        let a = NDArray([1.0, 2.0])
        try Backends.withRegistry(scalarRegistry()) { () throws in
            expect("add with one input", .operandCount, ["'add' takes 2 inputs, got 1", "pass exactly 2"]) { try UFunc.add.call([a]) }
            expect("sin with two inputs", .operandCount, ["'sin' takes 1 input, got 2", "pass exactly 1"]) { try UFunc.sin.call([a, a]) }
            expect("divmod with one out", .operandCount, ["'divmod' has 2 outputs, got 1", "one array (or nil"]) { try UFunc.divmod.call([a, a], out: [nil]) }
            expect("matmul with three inputs", .operandCount, ["matmul takes 2 inputs, got 3", "pass exactly 2"]) { try GUFunc.matmul.call([a, a, a]) }
        }
    }

    @Test func oneResultCallOfTwoOutputUFuncIsMultipleOutputs() throws {
        let a = NDArray([7.0, -7.0]), b = NDArray([2.0, 2.0])
        try Backends.withRegistry(scalarRegistry()) { () throws in
            expect("divmod(a, b)", .multipleOutputs, ["'divmod' has 2 outputs", "call(_:)"]) { try UFunc.divmod(a, b) }
            expect("divmod(a, b, out:)", .multipleOutputs, ["'divmod' has 2 outputs", "call(_:out:)"]) {
                var out = NDArray.zeros([2])
                try UFunc.divmod(a, b, out: &out)
                return out
            }
            // The call the message names works.
            let results = try UFunc.divmod.call([a, b])
            #expect(results.map { $0.toArray(Double.self) } == [[3, -4], [1, 1]])
        }
    }

    @Test func reduceAccumulateAndOuterOfNonBinaryUFuncAreNotBinary() throws {
        // NumPy refuses the same calls (ValueError: "... only supported for binary functions"
        // or "... for functions returning a single value").
        let numpy = try NumPyOracle.json([String].self, """
            out = []
            for call in (lambda: np.sin.reduce([1.0]), lambda: np.divmod.reduce([1.0]),
                         lambda: np.sin.accumulate([1.0]), lambda: np.divmod.accumulate([1.0]), lambda: np.sin.outer([1.0], [1.0])):
                try:
                    call(); out.append('accepted')
                except ValueError as e:
                    out.append(str(e))
            print(json.dumps(out))
            """)
        #expect(numpy.count == 5 && numpy.allSatisfy { $0.contains("only supported for") }, "\(numpy)")
        let a = NDArray([1.0, 2.0])
        try Backends.withRegistry(scalarRegistry()) { () throws in
            expect("sin.reduce", .notBinary, ["reduce needs a binary ufunc with one output", "'sin' has 1 input and 1 output"]) { try UFunc.sin.reduce(a) }
            expect("divmod.reduce", .notBinary, ["reduce needs a binary ufunc with one output", "'divmod' has 2 inputs and 2 outputs"]) { try UFunc.divmod.reduce(a) }
            expect("sin.accumulate", .notBinary, ["accumulate needs a binary ufunc", "'sin' has 1 input"]) { try UFunc.sin.accumulate(a) }
            expect("divmod.accumulate", .notBinary, ["accumulate needs a binary ufunc", "2 outputs"]) { try UFunc.divmod.accumulate(a) }
            expect("sin.outer", .notBinary, ["outer needs a binary ufunc", "'sin' takes 1 input"]) { try UFunc.sin.outer(a, a) }
            // A binary ufunc with one output reduces.
            #expect(try UFunc.add.reduce(a).item(Double.self) == 3)
        }
    }

    @Test func registeringASignatureTwiceIsDuplicateLoop() throws {
        let registry = try scalarRegistry()
        let existing = try #require(registry.loop(for: .add, signature: LoopSignature("dd->d")))
        let again = InnerLoop(signature: existing.signature, function: existing.function, backend: "test")
        expect("add dd->d twice", .duplicateLoop, ["add already has a loop for dd->d (from scalar)", "replaceLoop(for:signature:with:)"]) {
            try registry.register(again, for: .add)
        }
        // What the message suggests works.
        #expect(try registry.replaceLoop(for: .add, signature: existing.signature, with: again).backend == "scalar")
    }

    @Test func malformedOrMisfittingSignaturesAreInvalidLoopSignature() throws {
        let registry = try scalarRegistry()
        for text in ["dd-d", "dd", "dd->d->d", ""] {
            expect("LoopSignature(\"\(text)\")", .invalidLoopSignature, ["`\(text)`", "must have the form `dd->d`"]) { try LoopSignature(text) }
        }
        expect("LoopSignature(\"dz->d\")", .invalidLoopSignature, ["`z` in loop signature `dz->d` is not a dtype code", "codes are"]) { try LoopSignature("dz->d") }
        try Backends.withRegistry(registry) { () throws in
            let a = NDArray([1.0])
            expect("signature: \"qq->zz\"", .invalidLoopSignature, ["`z`", "not a dtype code"]) { try UFunc.add(a, a, signature: "qq->zz") }
        }
        let unary = InnerLoop(signature: try LoopSignature("d->d"), function: { _, _, _, _ in }, backend: "test")
        expect("a unary loop for add", .invalidLoopSignature, ["loop d->d has 1 inputs and 1 outputs", "add takes 2 and 1"]) {
            try registry.register(unary, for: .add)
        }
        expect("replacing dd->d by d->d", .invalidLoopSignature, ["replacement loop has signature d->d, not dd->d", "one of its own signature"]) {
            try registry.replaceLoop(for: .add, signature: LoopSignature("dd->d"), with: unary)
        }
    }

    @Test func missingLoopsKeepNoLoop() throws {
        let registry = try scalarRegistry()
        try Backends.withRegistry(registry) { () throws in
            let a = NDArray([1.0])
            // sin has no int64 loop (NumPy: "No loop matching the specified signature").
            expect("sin with signature l->l", .noLoop, ["l->l"]) { try UFunc.sin(a, signature: "l->l") }
        }
        let loop = InnerLoop(signature: try LoopSignature("l->l"), function: { _, _, _, _ in }, backend: "test")
        expect("replacing a signature sin lacks", .noLoop, ["sin has no loop for l->l to replace"]) {
            try registry.replaceLoop(for: .sin, signature: LoopSignature("l->l"), with: loop)
        }
    }
}
