/// The one error type thrown by Tessera's throwing APIs.
///
/// ``code`` says which family of problem it is (for programs); ``message``
/// says what was wrong and what would be right (for people).
public struct TesseraError: Error, CustomStringConvertible, Hashable, Sendable {
    public enum Code: String, Sendable, Hashable {
        /// A dtype string that names nothing.
        case invalidDType
        /// A dtype name that NumPy 2.0 removed; the message names the replacement.
        case removedDType
        /// A NumPy dtype Tessera does not support (object, str, datetime64, …).
        case unsupportedDType
        /// Shapes that do not fit: element counts, broadcasting, core dimensions.
        case shapeMismatch
        /// An axis out of range or repeated.
        case axisError
        /// An index out of range, or an index of the wrong form.
        case indexError
        /// A cast the requested casting rule does not allow.
        case castingError
        /// A value that does not fit (NEP 50 weak scalars), or an empty reduction with no identity.
        case valueError
        /// No loop of the ufunc accepts the operand types.
        case noLoop
        /// A call with the wrong number of operands: inputs the ufunc does not take, or an
        /// `out:` list that does not have one entry per output.
        case operandCount
        /// A one-result call of a ufunc that has several outputs (`divmod`, `modf`,
        /// `frexp`); the message names the call that returns all of them.
        case multipleOutputs
        /// `reduce`, `accumulate` or `outer` of a ufunc that is not binary (or, for `reduce`
        /// and `accumulate`, has more than one output).
        case notBinary
        /// A loop registered under a signature its ufunc already has; the message points to
        /// ``LoopRegistry/replaceLoop(for:signature:with:)``, which overrides a loop.
        case duplicateLoop
        /// A loop signature that is malformed (text not of the form `dd->d` with NumPy's
        /// one-character dtype codes) or that does not fit where it is used (a loop with
        /// another operand count than its ufunc, a replacement with another signature than
        /// the loop it replaces).
        case invalidLoopSignature
        /// No ufunc of that name.
        case unknownUFunc
        /// A malformed, truncated or unsupported file.
        case fileFormat
        /// Reading or writing a file failed.
        case io
        /// An environment variable with a bad value.
        case environment
        /// A backend asked for by name cannot be loaded.
        case backendUnavailable
        /// A size that overflows `Int` or cannot be allocated.
        case resourceLimit
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
