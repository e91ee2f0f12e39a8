// Operators are thin spellings of ufunc calls: one dispatch path, no second
// implementation (NEP 15's lesson from `set_numeric_ops`). A failing call here is a
// programmer error and stops with the ufunc's message; use `try UFunc.add(...)` to handle it.

extension UFunc {
    /// Calls a one-output ufunc, stopping the program with the error's message on failure.
    @inline(__always)
    func callOrStop(_ operands: [any UFuncOperand], _ spelling: String) -> NDArray {
        do {
            var outputs: [NDArray?] = [nil]
            try apply(operands.map(\.ufuncOperand), outputs: &outputs, mask: nil, dtype: nil, signature: nil, casting: .sameKind)
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
    public static func + (lhs: NDArray, rhs: NDArray) -> NDArray { UFunc.add.callOrStop([lhs, rhs], "+") }
    public static func + (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.add.callOrStop([lhs, rhs], "+") }
    public static func + (lhs: some UFuncOperand, rhs: NDArray) -> NDArray { UFunc.add.callOrStop([lhs, rhs], "+") }
    public static func - (lhs: NDArray, rhs: NDArray) -> NDArray { UFunc.subtract.callOrStop([lhs, rhs], "-") }
    public static func - (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.subtract.callOrStop([lhs, rhs], "-") }
    public static func - (lhs: some UFuncOperand, rhs: NDArray) -> NDArray { UFunc.subtract.callOrStop([lhs, rhs], "-") }
    public static func * (lhs: NDArray, rhs: NDArray) -> NDArray { UFunc.multiply.callOrStop([lhs, rhs], "*") }
    public static func * (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.multiply.callOrStop([lhs, rhs], "*") }
    public static func * (lhs: some UFuncOperand, rhs: NDArray) -> NDArray { UFunc.multiply.callOrStop([lhs, rhs], "*") }
    public static func / (lhs: NDArray, rhs: NDArray) -> NDArray { UFunc.divide.callOrStop([lhs, rhs], "/") }
    public static func / (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.divide.callOrStop([lhs, rhs], "/") }
    public static func / (lhs: some UFuncOperand, rhs: NDArray) -> NDArray { UFunc.divide.callOrStop([lhs, rhs], "/") }
    /// NumPy's `%`: `remainder` (the sign of the divisor).
    public static func % (lhs: NDArray, rhs: NDArray) -> NDArray { UFunc.remainder.callOrStop([lhs, rhs], "%") }
    public static func % (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.remainder.callOrStop([lhs, rhs], "%") }
    public static func % (lhs: some UFuncOperand, rhs: NDArray) -> NDArray { UFunc.remainder.callOrStop([lhs, rhs], "%") }
    public static prefix func - (operand: NDArray) -> NDArray { UFunc.negative.callOrStop([operand], "unary -") }

    public static func += (lhs: inout NDArray, rhs: some UFuncOperand) { UFunc.add.applyInPlace(&lhs, rhs, "+=") }
    public static func -= (lhs: inout NDArray, rhs: some UFuncOperand) { UFunc.subtract.applyInPlace(&lhs, rhs, "-=") }
    public static func *= (lhs: inout NDArray, rhs: some UFuncOperand) { UFunc.multiply.applyInPlace(&lhs, rhs, "*=") }
    public static func /= (lhs: inout NDArray, rhs: some UFuncOperand) { UFunc.divide.applyInPlace(&lhs, rhs, "/=") }

    // MARK: Comparison (element-wise, bool results)
    public static func .== (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.equal.callOrStop([lhs, rhs], ".==") }
    public static func .!= (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.notEqual.callOrStop([lhs, rhs], ".!=") }
    public static func .< (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.less.callOrStop([lhs, rhs], ".<") }
    public static func .<= (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.lessEqual.callOrStop([lhs, rhs], ".<=") }
    public static func .> (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.greater.callOrStop([lhs, rhs], ".>") }
    public static func .>= (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.greaterEqual.callOrStop([lhs, rhs], ".>=") }

    // MARK: Bitwise (integer and bool arrays)
    public static func & (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.bitwiseAnd.callOrStop([lhs, rhs], "&") }
    public static func | (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.bitwiseOr.callOrStop([lhs, rhs], "|") }
    public static func ^ (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.bitwiseXor.callOrStop([lhs, rhs], "^") }
    public static prefix func ~ (operand: NDArray) -> NDArray { UFunc.invert.callOrStop([operand], "~") }
    public static func << (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.leftShift.callOrStop([lhs, rhs], "<<") }
    public static func >> (lhs: NDArray, rhs: some UFuncOperand) -> NDArray { UFunc.rightShift.callOrStop([lhs, rhs], ">>") }
}

infix operator .== : ComparisonPrecedence
infix operator .!= : ComparisonPrecedence
infix operator .< : ComparisonPrecedence
infix operator .<= : ComparisonPrecedence
infix operator .> : ComparisonPrecedence
infix operator .>= : ComparisonPrecedence
