/// The operand dtypes of one inner loop, written as NumPy writes them: `dd->d`,
/// `ll->l`, `d->dd` (one-character codes, inputs before the arrow).
public struct LoopSignature: Hashable, Sendable, CustomStringConvertible {
    public let inputs: [DType]
    public let outputs: [DType]

    public init(inputs: [DType], outputs: [DType]) {
        self.inputs = inputs
        self.outputs = outputs
    }

    /// Parses `dd->d`.
    public init(_ text: String) throws {
        let parts = text.split(separator: "->", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw TesseraError(.invalidLoopSignature, "loop signature `\(text)` must have the form `dd->d`: dtype codes of the inputs, `->`, dtype codes of the outputs")
        }
        func codes(_ part: Substring) throws -> [DType] {
            try part.map { character in
                guard let dtype = DType.characterCodes[character] else {
                    throw TesseraError(.invalidLoopSignature, "`\(character)` in loop signature `\(text)` is not a dtype code; codes are \(DType.allCases.map { String($0.character) }.joined())")
                }
                return dtype
            }
        }
        self.init(inputs: try codes(parts[0]), outputs: try codes(parts[1]))
    }

    /// The same dtype for `inputs` inputs and `outputs` outputs.
    public static func uniform(_ dtype: DType, inputs: Int, outputs: Int = 1) -> LoopSignature {
        LoopSignature(inputs: Array(repeating: dtype, count: inputs), outputs: Array(repeating: dtype, count: outputs))
    }

    public var operands: [DType] { inputs + outputs }

    public var description: String {
        String(inputs.map(\.character)) + "->" + String(outputs.map(\.character))
    }
}
