// Free-function spellings of the ufuncs: `add(a, b)` is `UFunc.add` called on a and b.
// Each stops the program on a programmer error; `try UFunc.add(a, b)` throws instead.

/// ``UFunc/add`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func add(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.add.callOrStop(x.ufuncOperand, y.ufuncOperand, "add") }

/// ``UFunc/subtract`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func subtract(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.subtract.callOrStop(x.ufuncOperand, y.ufuncOperand, "subtract") }

/// ``UFunc/multiply`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func multiply(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.multiply.callOrStop(x.ufuncOperand, y.ufuncOperand, "multiply") }

/// ``UFunc/divide`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func divide(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.divide.callOrStop(x.ufuncOperand, y.ufuncOperand, "divide") }

/// ``UFunc/floorDivide`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func floorDivide(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.floorDivide.callOrStop(x.ufuncOperand, y.ufuncOperand, "floorDivide") }

/// ``UFunc/remainder`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func remainder(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.remainder.callOrStop(x.ufuncOperand, y.ufuncOperand, "remainder") }

/// ``UFunc/fmod`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func fmod(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.fmod.callOrStop(x.ufuncOperand, y.ufuncOperand, "fmod") }

/// ``UFunc/negative`` as a free function.
public func negative(_ x: NDArray) -> NDArray { UFunc.negative.callOrStop(x.ufuncOperand, "negative") }

/// ``UFunc/positive`` as a free function.
public func positive(_ x: NDArray) -> NDArray { UFunc.positive.callOrStop(x.ufuncOperand, "positive") }

/// ``UFunc/absolute`` as a free function.
public func absolute(_ x: NDArray) -> NDArray { UFunc.absolute.callOrStop(x.ufuncOperand, "absolute") }

/// ``UFunc/sign`` as a free function.
public func sign(_ x: NDArray) -> NDArray { UFunc.sign.callOrStop(x.ufuncOperand, "sign") }

/// ``UFunc/square`` as a free function.
public func square(_ x: NDArray) -> NDArray { UFunc.square.callOrStop(x.ufuncOperand, "square") }

/// ``UFunc/reciprocal`` as a free function.
public func reciprocal(_ x: NDArray) -> NDArray { UFunc.reciprocal.callOrStop(x.ufuncOperand, "reciprocal") }

/// ``UFunc/maximum`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func maximum(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.maximum.callOrStop(x.ufuncOperand, y.ufuncOperand, "maximum") }

/// ``UFunc/minimum`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func minimum(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.minimum.callOrStop(x.ufuncOperand, y.ufuncOperand, "minimum") }

/// ``UFunc/fmax`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func fmax(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.fmax.callOrStop(x.ufuncOperand, y.ufuncOperand, "fmax") }

/// ``UFunc/fmin`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func fmin(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.fmin.callOrStop(x.ufuncOperand, y.ufuncOperand, "fmin") }

/// ``UFunc/equal`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func equal(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.equal.callOrStop(x.ufuncOperand, y.ufuncOperand, "equal") }

/// ``UFunc/notEqual`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func notEqual(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.notEqual.callOrStop(x.ufuncOperand, y.ufuncOperand, "notEqual") }

/// ``UFunc/less`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func less(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.less.callOrStop(x.ufuncOperand, y.ufuncOperand, "less") }

/// ``UFunc/lessEqual`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func lessEqual(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.lessEqual.callOrStop(x.ufuncOperand, y.ufuncOperand, "lessEqual") }

/// ``UFunc/greater`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func greater(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.greater.callOrStop(x.ufuncOperand, y.ufuncOperand, "greater") }

/// ``UFunc/greaterEqual`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func greaterEqual(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.greaterEqual.callOrStop(x.ufuncOperand, y.ufuncOperand, "greaterEqual") }

/// ``UFunc/logicalAnd`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func logicalAnd(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.logicalAnd.callOrStop(x.ufuncOperand, y.ufuncOperand, "logicalAnd") }

/// ``UFunc/logicalOr`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func logicalOr(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.logicalOr.callOrStop(x.ufuncOperand, y.ufuncOperand, "logicalOr") }

/// ``UFunc/logicalXor`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func logicalXor(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.logicalXor.callOrStop(x.ufuncOperand, y.ufuncOperand, "logicalXor") }

/// ``UFunc/logicalNot`` as a free function.
public func logicalNot(_ x: NDArray) -> NDArray { UFunc.logicalNot.callOrStop(x.ufuncOperand, "logicalNot") }

/// ``UFunc/bitwiseAnd`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func bitwiseAnd(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.bitwiseAnd.callOrStop(x.ufuncOperand, y.ufuncOperand, "bitwiseAnd") }

/// ``UFunc/bitwiseOr`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func bitwiseOr(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.bitwiseOr.callOrStop(x.ufuncOperand, y.ufuncOperand, "bitwiseOr") }

/// ``UFunc/bitwiseXor`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func bitwiseXor(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.bitwiseXor.callOrStop(x.ufuncOperand, y.ufuncOperand, "bitwiseXor") }

/// ``UFunc/invert`` as a free function.
public func invert(_ x: NDArray) -> NDArray { UFunc.invert.callOrStop(x.ufuncOperand, "invert") }

/// ``UFunc/leftShift`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func leftShift(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.leftShift.callOrStop(x.ufuncOperand, y.ufuncOperand, "leftShift") }

/// ``UFunc/rightShift`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func rightShift(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.rightShift.callOrStop(x.ufuncOperand, y.ufuncOperand, "rightShift") }

/// ``UFunc/divmod`` as a free function: `(x // y, x % y)`.
public func divmod(_ x: some UFuncOperand, _ y: some UFuncOperand) -> (NDArray, NDArray) {
    do {
        let results = try UFunc.divmod.call([x, y])
        return (results[0], results[1])
    } catch {
        fatalError("divmod: \(error)")
    }
}
