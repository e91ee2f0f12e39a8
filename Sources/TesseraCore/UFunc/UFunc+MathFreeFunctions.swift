// Free-function spellings of the math ufuncs: `exp(a)` is `UFunc.exp` called on a.
// Each stops the program on a programmer error; `try UFunc.exp(a)` throws instead.

/// ``UFunc/sqrt`` as a free function.
public func sqrt(_ x: NDArray) -> NDArray { UFunc.sqrt.callOrStop(x.ufuncOperand, "sqrt") }

/// ``UFunc/cbrt`` as a free function.
public func cbrt(_ x: NDArray) -> NDArray { UFunc.cbrt.callOrStop(x.ufuncOperand, "cbrt") }

/// ``UFunc/exp`` as a free function.
public func exp(_ x: NDArray) -> NDArray { UFunc.exp.callOrStop(x.ufuncOperand, "exp") }

/// ``UFunc/exp2`` as a free function.
public func exp2(_ x: NDArray) -> NDArray { UFunc.exp2.callOrStop(x.ufuncOperand, "exp2") }

/// ``UFunc/expm1`` as a free function.
public func expm1(_ x: NDArray) -> NDArray { UFunc.expm1.callOrStop(x.ufuncOperand, "expm1") }

/// ``UFunc/log`` as a free function.
public func log(_ x: NDArray) -> NDArray { UFunc.log.callOrStop(x.ufuncOperand, "log") }

/// ``UFunc/log2`` as a free function.
public func log2(_ x: NDArray) -> NDArray { UFunc.log2.callOrStop(x.ufuncOperand, "log2") }

/// ``UFunc/log10`` as a free function.
public func log10(_ x: NDArray) -> NDArray { UFunc.log10.callOrStop(x.ufuncOperand, "log10") }

/// ``UFunc/log1p`` as a free function.
public func log1p(_ x: NDArray) -> NDArray { UFunc.log1p.callOrStop(x.ufuncOperand, "log1p") }

/// ``UFunc/logaddexp`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func logaddexp(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.logaddexp.callOrStop(x.ufuncOperand, y.ufuncOperand, "logaddexp") }

/// ``UFunc/logaddexp2`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func logaddexp2(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.logaddexp2.callOrStop(x.ufuncOperand, y.ufuncOperand, "logaddexp2") }

/// ``UFunc/power`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func power(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.power.callOrStop(x.ufuncOperand, y.ufuncOperand, "power") }

/// ``UFunc/floatPower`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func floatPower(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.floatPower.callOrStop(x.ufuncOperand, y.ufuncOperand, "float_power") }

/// ``UFunc/sin`` as a free function.
public func sin(_ x: NDArray) -> NDArray { UFunc.sin.callOrStop(x.ufuncOperand, "sin") }

/// ``UFunc/cos`` as a free function.
public func cos(_ x: NDArray) -> NDArray { UFunc.cos.callOrStop(x.ufuncOperand, "cos") }

/// ``UFunc/tan`` as a free function.
public func tan(_ x: NDArray) -> NDArray { UFunc.tan.callOrStop(x.ufuncOperand, "tan") }

/// ``UFunc/arcsin`` as a free function.
public func arcsin(_ x: NDArray) -> NDArray { UFunc.arcsin.callOrStop(x.ufuncOperand, "arcsin") }

/// ``UFunc/arccos`` as a free function.
public func arccos(_ x: NDArray) -> NDArray { UFunc.arccos.callOrStop(x.ufuncOperand, "arccos") }

/// ``UFunc/arctan`` as a free function.
public func arctan(_ x: NDArray) -> NDArray { UFunc.arctan.callOrStop(x.ufuncOperand, "arctan") }

/// ``UFunc/arctan2`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func arctan2(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.arctan2.callOrStop(x.ufuncOperand, y.ufuncOperand, "arctan2") }

/// ``UFunc/hypot`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func hypot(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.hypot.callOrStop(x.ufuncOperand, y.ufuncOperand, "hypot") }

/// ``UFunc/sinh`` as a free function.
public func sinh(_ x: NDArray) -> NDArray { UFunc.sinh.callOrStop(x.ufuncOperand, "sinh") }

/// ``UFunc/cosh`` as a free function.
public func cosh(_ x: NDArray) -> NDArray { UFunc.cosh.callOrStop(x.ufuncOperand, "cosh") }

/// ``UFunc/tanh`` as a free function.
public func tanh(_ x: NDArray) -> NDArray { UFunc.tanh.callOrStop(x.ufuncOperand, "tanh") }

/// ``UFunc/arcsinh`` as a free function.
public func arcsinh(_ x: NDArray) -> NDArray { UFunc.arcsinh.callOrStop(x.ufuncOperand, "arcsinh") }

/// ``UFunc/arccosh`` as a free function.
public func arccosh(_ x: NDArray) -> NDArray { UFunc.arccosh.callOrStop(x.ufuncOperand, "arccosh") }

/// ``UFunc/arctanh`` as a free function.
public func arctanh(_ x: NDArray) -> NDArray { UFunc.arctanh.callOrStop(x.ufuncOperand, "arctanh") }

/// ``UFunc/deg2rad`` as a free function.
public func deg2rad(_ x: NDArray) -> NDArray { UFunc.deg2rad.callOrStop(x.ufuncOperand, "deg2rad") }

/// ``UFunc/rad2deg`` as a free function.
public func rad2deg(_ x: NDArray) -> NDArray { UFunc.rad2deg.callOrStop(x.ufuncOperand, "rad2deg") }

/// ``UFunc/floor`` as a free function.
public func floor(_ x: NDArray) -> NDArray { UFunc.floor.callOrStop(x.ufuncOperand, "floor") }

/// ``UFunc/ceil`` as a free function.
public func ceil(_ x: NDArray) -> NDArray { UFunc.ceil.callOrStop(x.ufuncOperand, "ceil") }

/// ``UFunc/trunc`` as a free function.
public func trunc(_ x: NDArray) -> NDArray { UFunc.trunc.callOrStop(x.ufuncOperand, "trunc") }

/// ``UFunc/rint`` as a free function.
public func rint(_ x: NDArray) -> NDArray { UFunc.rint.callOrStop(x.ufuncOperand, "rint") }

/// ``UFunc/isnan`` as a free function.
public func isnan(_ x: NDArray) -> NDArray { UFunc.isnan.callOrStop(x.ufuncOperand, "isnan") }

/// ``UFunc/isinf`` as a free function.
public func isinf(_ x: NDArray) -> NDArray { UFunc.isinf.callOrStop(x.ufuncOperand, "isinf") }

/// ``UFunc/isfinite`` as a free function.
public func isfinite(_ x: NDArray) -> NDArray { UFunc.isfinite.callOrStop(x.ufuncOperand, "isfinite") }

/// ``UFunc/signbit`` as a free function.
public func signbit(_ x: NDArray) -> NDArray { UFunc.signbit.callOrStop(x.ufuncOperand, "signbit") }

/// ``UFunc/copysign`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func copysign(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.copysign.callOrStop(x.ufuncOperand, y.ufuncOperand, "copysign") }

/// ``UFunc/nextafter`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func nextafter(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.nextafter.callOrStop(x.ufuncOperand, y.ufuncOperand, "nextafter") }

/// ``UFunc/spacing`` as a free function.
public func spacing(_ x: NDArray) -> NDArray { UFunc.spacing.callOrStop(x.ufuncOperand, "spacing") }

/// ``UFunc/ldexp`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func ldexp(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.ldexp.callOrStop(x.ufuncOperand, y.ufuncOperand, "ldexp") }

/// ``UFunc/frexp`` as a free function: `(mantissa, exponent)`.
public func frexp(_ x: NDArray) -> (NDArray, NDArray) {
    do {
        let results = try UFunc.frexp.call([x])
        return (results[0], results[1])
    } catch {
        fatalError("frexp: \(error)")
    }
}

/// ``UFunc/modf`` as a free function: `(fractional part, integral part)`.
public func modf(_ x: NDArray) -> (NDArray, NDArray) {
    do {
        let results = try UFunc.modf.call([x])
        return (results[0], results[1])
    } catch {
        fatalError("modf: \(error)")
    }
}

/// ``UFunc/heaviside`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func heaviside(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.heaviside.callOrStop(x.ufuncOperand, y.ufuncOperand, "heaviside") }

/// ``UFunc/gcd`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func gcd(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.gcd.callOrStop(x.ufuncOperand, y.ufuncOperand, "gcd") }

/// ``UFunc/lcm`` as a free function; either operand may be a Swift scalar (weak, NEP 50).
public func lcm(_ x: some UFuncOperand, _ y: some UFuncOperand) -> NDArray { UFunc.lcm.callOrStop(x.ufuncOperand, y.ufuncOperand, "lcm") }

/// ``UFunc/conjugate`` as a free function.
public func conjugate(_ x: NDArray) -> NDArray { UFunc.conjugate.callOrStop(x.ufuncOperand, "conjugate") }
