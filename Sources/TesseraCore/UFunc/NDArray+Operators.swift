// Operators are thin spellings of ufunc calls: one dispatch path, no second
// implementation (NEP 15's lesson from `set_numeric_ops`). A failing call here is a
// programmer error and stops with the ufunc's message; use `try UFunc.add(...)` to handle it.

extension UFunc {
    /// Calls a one-output ufunc, stopping the program with the error's message on failure.
    @inline(__always)
    func callOrStop(_ operands: [any UFuncOperand], _ spelling: String) -> NDArray {
        callOrStop(operands.map(\.ufuncOperand), spelling)
    }

    /// The operator path for one operand.
    @inline(__always)
    func callOrStop(_ x: Operand, _ spelling: String) -> NDArray {
        do { return try callOneOutput(x, nil) } catch { fatalError("\(spelling): \(error)") }
    }

    /// The operator path for two arrays: the borrowed-array fast path first.
    @inline(__always)
    func callOrStop(_ x: NDArray, _ y: NDArray, _ spelling: String) -> NDArray {
        do { return try callTwoArrays(x, y) } catch { fatalError("\(spelling): \(error)") }
    }

    /// The operator path for two operands: no array is built unless the general path runs.
    @inline(__always)
    func callOrStop(_ x: Operand, _ y: Operand, _ spelling: String) -> NDArray {
        do { return try callOneOutput(x, y) } catch { fatalError("\(spelling): \(error)") }
    }

    /// The operator path (`apply` tries the cached fast path first).
    func callOrStop(_ operands: [Operand], _ spelling: String) -> NDArray {
        do {
            var outputs: [NDArray?] = [nil]
            try apply(operands, outputs: &outputs, mask: nil, dtype: nil, signature: nil, casting: .sameKind)
            return outputs[0]!
        } catch {
            fatalError("\(spelling): \(error)")
        }
    }

    /// Writes `lhs op rhs` into `lhs` (an in-place operator), stopping on failure.
    func applyInPlace(_ lhs: inout NDArray, _ rhs: any UFuncOperand, _ spelling: String) {
        do {
            // Make `lhs` unique first, then read it as an input of the same layout.
            _ = lhs.makeUniqueForWriting()
            var outputs: [NDArray?] = [lhs]
            try apply([Operand.array(lhs), rhs.ufuncOperand], outputs: &outputs, mask: nil, dtype: nil, signature: nil, casting: .sameKind, assumeOutputsWritable: true)
            lhs = outputs[0]!
        } catch {
            fatalError("\(spelling): \(error)")
        }
    }
}

extension NDArray {
    // MARK: Arithmetic
    public static func + (lhs: NDArray, rhs: NDArray) -> NDArray { UFunc.add.callOrStop(lhs, rhs, "+") }
    public static func + (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.add.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "+") }
    public static func + (lhs: some UFuncOperand, rhs: NDArray) -> NDArray { UFunc.add.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "+") }
    public static func - (lhs: NDArray, rhs: NDArray) -> NDArray { UFunc.subtract.callOrStop(lhs, rhs, "-") }
    public static func - (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.subtract.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "-") }
    public static func - (lhs: some UFuncOperand, rhs: NDArray) -> NDArray { UFunc.subtract.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "-") }
    public static func * (lhs: NDArray, rhs: NDArray) -> NDArray { UFunc.multiply.callOrStop(lhs, rhs, "*") }
    public static func * (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.multiply.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "*") }
    public static func * (lhs: some UFuncOperand, rhs: NDArray) -> NDArray { UFunc.multiply.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "*") }
    public static func / (lhs: NDArray, rhs: NDArray) -> NDArray { UFunc.divide.callOrStop(lhs, rhs, "/") }
    public static func / (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.divide.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "/") }
    public static func / (lhs: some UFuncOperand, rhs: NDArray) -> NDArray { UFunc.divide.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "/") }
    /// NumPy's `%`: `remainder` (the sign of the divisor).
    public static func % (lhs: NDArray, rhs: NDArray) -> NDArray { UFunc.remainder.callOrStop(lhs, rhs, "%") }
    public static func % (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.remainder.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "%") }
    public static func % (lhs: some UFuncOperand, rhs: NDArray) -> NDArray { UFunc.remainder.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "%") }
    public static prefix func - (operand: NDArray) -> NDArray { UFunc.negative.callOrStop(operand.ufuncOperand, "unary -") }

    public static func += (lhs: inout NDArray, rhs: some UFuncOperand) { UFunc.add.applyInPlace(&lhs, rhs, "+=") }
    public static func -= (lhs: inout NDArray, rhs: some UFuncOperand) { UFunc.subtract.applyInPlace(&lhs, rhs, "-=") }
    public static func *= (lhs: inout NDArray, rhs: some UFuncOperand) { UFunc.multiply.applyInPlace(&lhs, rhs, "*=") }
    public static func /= (lhs: inout NDArray, rhs: some UFuncOperand) { UFunc.divide.applyInPlace(&lhs, rhs, "/=") }

    // MARK: Comparison (element-wise, bool results)
    public static func .== (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.equal.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, ".==") }
    public static func .!= (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.notEqual.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, ".!=") }
    public static func .< (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.less.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, ".<") }
    public static func .<= (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.lessEqual.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, ".<=") }
    public static func .> (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.greater.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, ".>") }
    public static func .>= (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.greaterEqual.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, ".>=") }

    // MARK: Bitwise (integer and bool arrays)
    public static func & (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.bitwiseAnd.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "&") }
    public static func | (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.bitwiseOr.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "|") }
    public static func ^ (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.bitwiseXor.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "^") }
    public static prefix func ~ (operand: NDArray) -> NDArray { UFunc.invert.callOrStop(operand.ufuncOperand, "~") }
    public static func << (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.leftShift.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, "<<") }
    public static func >> (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.rightShift.callOrStop(lhs.ufuncOperand, rhs.ufuncOperand, ">>") }
}

infix operator .== : ComparisonPrecedence
infix operator .!= : ComparisonPrecedence
infix operator .< : ComparisonPrecedence
infix operator .<= : ComparisonPrecedence
infix operator .> : ComparisonPrecedence
infix operator .>= : ComparisonPrecedence
