/// A generalized universal function: NumPy's gufunc, a ufunc whose loop works on
/// whole sub-arrays (the *core dimensions* of its ``CoreSignature``) and broadcasts
/// over the remaining leading (*loop*, or batch) dimensions.
///
/// Its loops live in the same ``LoopRegistry`` as every ufunc's, under the gufunc's
/// name and a type signature such as `dd->d`, so backends register and replace them by
/// signature (`registry.replaceLoop(for: GUFunc.matmul, signature:with:)`).
///
/// ## The core-loop contract
///
/// A gufunc loop has the ordinary ``InnerLoopFunction`` type — the same C signature a C
/// shim implements — read as NumPy reads `PyUFuncGenericFunction` for gufuncs:
///
/// - `args[i]`: the first core element of operand `i` (inputs, then outputs) for the
///   first outer iteration.
/// - `count`: the number of outer (loop-dimension) iterations in this call.
/// - `steps[0 ..< nargs]`: each operand's byte stride between outer iterations.
/// - `steps[nargs ..< nargs + coreAxisCount]`: the byte strides of every operand's core
///   axes, operand by operand, in signature order (`matmul`: `a_n, a_k, b_k, b_m, c_n, c_m`).
/// - the next `dimensionNames.count` entries: the size of each core dimension in
///   order of first appearance (`matmul`: `n, k, m`) — NumPy's `dimensions[1...]`.
///
/// An optional dimension that an operand leaves out reaches the loop with size 1 and
/// stride 0, so a loop always sees the full signature (`matmul` of two vectors is an
/// `(1,k)×(k,1)` product). Core strides may be negative or zero; a loop handles them
/// or copies.
public final class GUFunc: Sendable, CustomStringConvertible, Hashable {
    /// NumPy's name (`matmul`).
    public let name: String
    public let signature: CoreSignature
    /// What it computes.
    public let doc: String
    /// Which inputs are conjugated (complex) before the product, for `vecdot` and `vecmat`.
    let conjugatesFirstInput: Bool
    /// The key of this gufunc's loop table in a ``LoopRegistry``.
    let loopKey: UFunc
    /// The core signature as dimension indices, for the call path.
    let coreLayout: CoreLayout

    /// Sets the sizes of derived core dimensions (those no input names) from the others,
    /// in `dimensionNames` order; `nil` when every dimension comes from an input.
    let deriveSizes: (@Sendable (UnsafeMutablePointer<Int>) -> Void)?

    init(
        _ name: String, _ signature: String, conjugatesFirstInput: Bool = false,
        derivedDimensions: Set<String> = [], deriveSizes: (@Sendable (UnsafeMutablePointer<Int>) -> Void)? = nil, doc: String
    ) {
        self.deriveSizes = deriveSizes
        do {
            self.signature = try CoreSignature(signature, derivedDimensions: derivedDimensions)
        } catch {
            fatalError("gufunc \(name): \(error)")
        }
        self.name = name
        self.doc = doc
        self.conjugatesFirstInput = conjugatesFirstInput
        self.loopKey = UFunc(name, inputs: self.signature.inputs.count, outputs: self.signature.outputs.count, doc: doc)
        self.coreLayout = CoreLayout(self.signature)
    }

    public var inputCount: Int { signature.inputs.count }
    public var outputCount: Int { signature.outputs.count }

    /// The loops in the active configuration.
    public var loops: [InnerLoop] { Backends.active.loops(for: self) }

    /// Type signatures of the active loops (NumPy's `ufunc.types`).
    public var types: [String] { loops.map(\.signature.description) }

    public var description: String { "<ufunc '\(name)'>" }

    public static func == (lhs: GUFunc, rhs: GUFunc) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    // MARK: Catalogue

    /// `matmul(x1, x2)`: the matrix product, signature `(n?,k),(k,m?)->(n?,m?)`.
    ///
    /// A 1-D first operand is a row vector and a 1-D second operand a column vector; the
    /// vector's axis is dropped from the result. 0-d operands are an error. Stacks of
    /// matrices broadcast. Integers wrap; bool is `any(a & b)`; float16 accumulates in
    /// float32 and rounds once.
    public static let matmul = GUFunc("matmul", "(n?,k),(k,m?)->(n?,m?)", doc: "Matrix product of two arrays; stacks of matrices broadcast. Integers wrap; float16 accumulates in float32.")
    /// `vecdot(x1, x2)`: Σ conj(x1)·x2 over the last axis, signature `(n),(n)->()`.
    public static let vecdot = GUFunc("vecdot", "(n),(n)->()", conjugatesFirstInput: true, doc: "Vector dot product over the last axis, conjugating the first argument: sum(conj(x1) * x2).")
    /// `matvec(x1, x2)`: matrix–vector product, signature `(m,n),(n)->(m)`.
    public static let matvec = GUFunc("matvec", "(m,n),(n)->(m)", doc: "Matrix-vector product over the last two axes of x1 and the last axis of x2.")
    /// `vecmat(x1, x2)`: vector–matrix product conj(x1)·x2, signature `(n),(n,m)->(m)`.
    public static let vecmat = GUFunc("vecmat", "(n),(n,m)->(m)", conjugatesFirstInput: true, doc: "Vector-matrix product conj(x1) @ x2 over the last axis of x1 and the last two of x2.")

    /// Every gufunc Tessera defines.
    public static var all: [GUFunc] { [matmul, vecdot, matvec, vecmat] + linalg }

    /// Finds a gufunc by its NumPy name.
    public static func named(_ name: String) throws -> GUFunc {
        if let found = all.first(where: { $0.name == name }) { return found }
        throw TesseraError(.unknownUFunc, "no gufunc named `\(name)`; gufuncs are \(all.map { "`\($0.name)`" }.joined(separator: ", "))")
    }
}

extension LoopRegistry {
    /// Adds a core loop for a gufunc under its type signature.
    public func register(_ loop: InnerLoop, for gufunc: GUFunc) throws {
        try register(loop, for: gufunc.loopKey)
    }

    /// Replaces the gufunc loop registered under `signature`; returns the one replaced.
    @discardableResult
    public func replaceLoop(for gufunc: GUFunc, signature: LoopSignature, with loop: InnerLoop) throws -> InnerLoop {
        try replaceLoop(for: gufunc.loopKey, signature: signature, with: loop)
    }

    /// Puts back the gufunc loop that the latest replacement of `signature` displaced.
    @discardableResult
    public func restore(for gufunc: GUFunc, signature: LoopSignature) throws -> InnerLoop {
        try restore(for: gufunc.loopKey, signature: signature)
    }

    /// The loops of a gufunc in search order.
    public func loops(for gufunc: GUFunc) -> [InnerLoop] { loops(for: gufunc.loopKey) }

    /// The gufunc loop registered under `signature`, if any.
    public func loop(for gufunc: GUFunc, signature: LoopSignature) -> InnerLoop? {
        loop(for: gufunc.loopKey, signature: signature)
    }
}
