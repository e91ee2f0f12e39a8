/// The core signature of a generalized ufunc, as NumPy writes it:
/// `(n?,k),(k,m?)->(n?,m?)`.
///
/// Each operand lists its core dimensions, the trailing axes the core loop works on;
/// all other (leading) axes are loop dimensions that broadcast like a ufunc's. A name
/// shared by several operands must have one size. A name marked `?` is optional: an
/// operand with too few axes leaves it out, and then it is left out of the outputs too
/// (how `matmul` accepts vectors).
public struct CoreSignature: Hashable, Sendable, CustomStringConvertible {
    /// One core dimension of one operand.
    public struct Dimension: Hashable, Sendable {
        public let name: String
        public let isOptional: Bool
    }

    /// The core dimensions of each input, outermost first.
    public let inputs: [[Dimension]]
    /// The core dimensions of each output.
    public let outputs: [[Dimension]]
    /// Every dimension name in order of first appearance: the order in which the core
    /// loop receives the dimension sizes.
    public let dimensionNames: [String]

    /// Parses `(n?,k),(k,m?)->(n?,m?)`; `()` is an operand without core dimensions.
    public init(_ text: String) throws {
        try self.init(text, derivedDimensions: [])
    }

    /// Parses a signature whose outputs may name `derivedDimensions` that no input has
    /// (NumPy's `process_core_dims` gufuncs, such as `svd`'s `p = min(m, n)`); the gufunc
    /// computes their sizes from the others.
    init(_ text: String, derivedDimensions: Set<String>) throws {
        func fail(_ why: String) -> TesseraError {
            TesseraError(.shapeMismatch, "gufunc signature `\(text)` is not valid: \(why)")
        }
        let compact = text.filter { !$0.isWhitespace }
        let sides = compact.split(separator: "->", omittingEmptySubsequences: false).map(String.init)
        guard sides.count == 2 else { throw fail("it needs exactly one `->`") }
        func operands(_ side: String) throws -> [[Dimension]] {
            var result: [[Dimension]] = []
            var rest = Substring(side)
            while !rest.isEmpty {
                guard rest.first == "(", let close = rest.firstIndex(of: ")") else {
                    throw fail("each operand is written `(dims)`, separated by commas")
                }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                var dims: [Dimension] = []
                if !inside.isEmpty {
                    for item in inside.split(separator: ",", omittingEmptySubsequences: false) {
                        let optional = item.hasSuffix("?")
                        let name = String(optional ? item.dropLast() : item)
                        guard let first = name.first, first.isLetter || first == "_",
                              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
                        else { throw fail("`\(item)` is not a dimension name") }
                        dims.append(Dimension(name: name, isOptional: optional))
                    }
                }
                result.append(dims)
                rest = rest[rest.index(after: close)...]
                if rest.first == "," {
                    rest = rest.dropFirst()
                    if rest.isEmpty { throw fail("a comma ends the operand list") }
                } else if !rest.isEmpty {
                    throw fail("operands are separated by commas")
                }
            }
            return result
        }
        inputs = try operands(sides[0])
        outputs = try operands(sides[1])
        guard !inputs.isEmpty, !outputs.isEmpty else { throw fail("it needs at least one input and one output") }
        var names: [String] = []
        var optional: [String: Bool] = [:]
        for dim in (inputs + outputs).joined() {
            if let known = optional[dim.name], known != dim.isOptional {
                throw fail("`\(dim.name)` is optional in one place and required in another")
            }
            if optional[dim.name] == nil { names.append(dim.name) }
            optional[dim.name] = dim.isOptional
        }
        let inputNames = Set(inputs.joined().map(\.name))
        if let unbound = outputs.joined().first(where: { !inputNames.contains($0.name) && !derivedDimensions.contains($0.name) }) {
            throw fail("output dimension `\(unbound.name)` does not appear in any input")
        }
        dimensionNames = names
    }

    /// Number of core axes of all operands together (the core strides a loop receives).
    public var coreAxisCount: Int { (inputs + outputs).reduce(0) { $0 + $1.count } }

    public var description: String {
        func side(_ operands: [[Dimension]]) -> String {
            operands.map { "(" + $0.map { $0.name + ($0.isOptional ? "?" : "") }.joined(separator: ",") + ")" }.joined(separator: ",")
        }
        return side(inputs) + "->" + side(outputs)
    }
}
