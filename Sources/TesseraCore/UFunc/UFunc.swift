/// A universal function: NumPy's `ufunc`. A name, its numbers of inputs and
/// outputs, an identity for reductions, and a table of inner loops by signature
/// (kept in the active ``LoopRegistry``, filled by backends).
///
/// Every spelling reaches the same call: `try UFunc.add(a, b)`, `add(a, b)` and
/// `a + b` all resolve types, broadcast, iterate and run the loop the registry holds
/// for the resolved signature.
public final class UFunc: Sendable, CustomStringConvertible, Hashable {
    /// The value a reduction starts from (NumPy's `ufunc.identity`).
    public enum Identity: Sendable, Equatable {
        /// No identity: reducing an empty array is an error without `initial:`.
        case none
        /// No identity, but reduction order does not matter (`maximum`, `minimum`).
        case reorderableNone
        /// A value cast to the loop's dtype (`-1` cast to unsigned gives all ones).
        case value(Double)
    }

    /// How the input types are turned into a loop, where a ufunc needs more than
    /// "the first loop the inputs cast to safely".
    enum TypeResolver: Sendable {
        case `default`
        /// `divide`: integer and bool inputs compute in float64 (NumPy's true division).
        case trueDivide
    }

    /// NumPy's name (`add`, `arctan2`).
    public let name: String
    /// Number of inputs (`nin`).
    public let inputCount: Int
    /// Number of outputs (`nout`); `divmod`, `modf` and `frexp` have two.
    public let outputCount: Int
    public let identity: Identity
    /// What the ufunc computes, its domain and special values.
    public let doc: String
    let typeResolver: TypeResolver
    /// What the machinery needs to know about the ufunc, as the catalogue declares it.
    let traits: Traits
    /// NumPy's message when every input is bool and the ufunc refuses bool, although bool
    /// casts safely to its int8 loop (`subtract`, `negative`, …); `nil` when bool is accepted.
    let boolRejection: String?
    /// `logical_*`: Swift scalars are read as truth values (see `normalizedOperands`).
    /// Stored (not read from ``traits`` on each call) for the small-call path.
    let readsScalarsAsTruthValues: Bool

    init(
        _ name: String, inputs: Int, outputs: Int = 1, identity: Identity = .none, traits: Traits = [],
        rejectsBool boolRejection: String? = nil, resolver: TypeResolver = .default, doc: String
    ) {
        self.name = name
        self.inputCount = inputs
        self.outputCount = outputs
        self.identity = identity
        self.doc = doc
        self.typeResolver = resolver
        self.traits = traits
        self.boolRejection = boolRejection
        self.readsScalarsAsTruthValues = traits.contains(.logical)
    }

    /// NumPy's reorderable: a reduction may combine elements in any order, so it may run
    /// over several axes at once. Every ufunc with an identity is (NumPy's
    /// `_get_identity`), and so are the selections declared `.reorderableNone`.
    var isReorderable: Bool { identity != .none }

    /// The loops in the active configuration: signature, backend and instruction set of each.
    public var loops: [InnerLoop] { Backends.active.loops(for: self) }

    /// Type signatures of the active loops (NumPy's `ufunc.types`).
    public var types: [String] { loops.map(\.signature.description) }

    public var description: String { "<ufunc '\(name)'>" }

    public static func == (lhs: UFunc, rhs: UFunc) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Finds a ufunc by its NumPy name.
    /// - Throws: `.unknownUFunc` with the closest names.
    public static func named(_ name: String) throws -> UFunc {
        if let ufunc = catalogueByName[name] { return ufunc }
        if let alias = aliases[name], let ufunc = catalogueByName[alias] { return ufunc }
        if GUFunc.all.contains(where: { $0.name == name }) {
            throw TesseraError(.unknownUFunc, "`\(name)` is a generalized ufunc (core dimensions): use `GUFunc.named(\(String(reflecting: name)))` or `GUFunc.\(name)`")
        }
        let close = catalogueByName.keys
            .map { ($0, editDistance(name.lowercased(), $0)) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .prefix(3).map { "`\($0.0)`" }
        throw TesseraError(.unknownUFunc, "no ufunc named `\(name)`; closest: \(close.joined(separator: ", "))")
    }

    /// Every ufunc Tessera defines, by NumPy name.
    public static var all: [UFunc] { catalogue }

    static let catalogueByName: [String: UFunc] = Dictionary(uniqueKeysWithValues: catalogue.map { ($0.name, $0) })
}
