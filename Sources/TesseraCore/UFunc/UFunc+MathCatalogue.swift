extension UFunc {
    // MARK: Math (declared here; each backend registers the loops it has, the scalar backend all of them)

    /// `sqrt`: Non-negative square root. sqrt(-x) is NaN for x > 0; sqrt(-0) is -0. Correctly rounded.
    public static let sqrt = UFunc("sqrt", inputs: 1, doc: "Non-negative square root. sqrt(-x) is NaN for x > 0; sqrt(-0) is -0. Correctly rounded.")
    /// `cbrt`: Cube root, defined for negative x.
    public static let cbrt = UFunc("cbrt", inputs: 1, doc: "Cube root, defined for negative x.")
    /// `exp`: e**x. Overflows to inf above ~709.78 (float64); exp(-inf) = 0.
    public static let exp = UFunc("exp", inputs: 1, doc: "e**x. Overflows to inf above ~709.78 (float64); exp(-inf) = 0.")
    /// `exp2`: 2**x.
    public static let exp2 = UFunc("exp2", inputs: 1, doc: "2**x.")
    /// `expm1`: exp(x) - 1, accurate for small x.
    public static let expm1 = UFunc("expm1", inputs: 1, doc: "exp(x) - 1, accurate for small x.")
    /// `log`: Natural logarithm. log(0) = -inf, log(x<0) = NaN.
    public static let log = UFunc("log", inputs: 1, doc: "Natural logarithm. log(0) = -inf, log(x<0) = NaN.")
    /// `log2`: Base-2 logarithm.
    public static let log2 = UFunc("log2", inputs: 1, doc: "Base-2 logarithm.")
    /// `log10`: Base-10 logarithm.
    public static let log10 = UFunc("log10", inputs: 1, doc: "Base-10 logarithm.")
    /// `log1p`: log(1 + x), accurate for small x.
    public static let log1p = UFunc("log1p", inputs: 1, doc: "log(1 + x), accurate for small x.")
    /// `logaddexp`: log(exp(x) + exp(y)) without overflow. Identity -inf.
    public static let logaddexp = UFunc("logaddexp", inputs: 2, identity: .value(-.infinity), doc: "log(exp(x) + exp(y)) without overflow. Identity -inf.")
    /// `logaddexp2`: log2(2**x + 2**y) without overflow. Identity -inf.
    public static let logaddexp2 = UFunc("logaddexp2", inputs: 2, identity: .value(-.infinity), doc: "log2(2**x + 2**y) without overflow. Identity -inf.")
    /// `power`: x ** y. Integer power by a negative exponent is an error in NumPy; here it gives 0 (documented).
    public static let power = UFunc("power", inputs: 2, doc: "x ** y. Integer power by a negative exponent is an error in NumPy; here it gives 0 (documented).")
    /// `float_power`: x ** y computed in float64 (or complex128).
    public static let floatPower = UFunc("float_power", inputs: 2, doc: "x ** y computed in float64 (or complex128).")
    /// `sin`: Sine, x in radians.
    public static let sin = UFunc("sin", inputs: 1, doc: "Sine, x in radians.")
    /// `cos`: Cosine, x in radians.
    public static let cos = UFunc("cos", inputs: 1, doc: "Cosine, x in radians.")
    /// `tan`: Tangent, x in radians.
    public static let tan = UFunc("tan", inputs: 1, doc: "Tangent, x in radians.")
    /// `arcsin`: Inverse sine on [-1, 1]; NaN outside.
    public static let arcsin = UFunc("arcsin", inputs: 1, doc: "Inverse sine on [-1, 1]; NaN outside.")
    /// `arccos`: Inverse cosine on [-1, 1]; NaN outside.
    public static let arccos = UFunc("arccos", inputs: 1, doc: "Inverse cosine on [-1, 1]; NaN outside.")
    /// `arctan`: Inverse tangent, in (-pi/2, pi/2).
    public static let arctan = UFunc("arctan", inputs: 1, doc: "Inverse tangent, in (-pi/2, pi/2).")
    /// `arctan2`: Angle of the point (x2, x1) (C atan2(x1, x2)), in [-pi, pi].
    public static let arctan2 = UFunc("arctan2", inputs: 2, doc: "Angle of the point (x2, x1) (C atan2(x1, x2)), in [-pi, pi].")
    /// `hypot`: sqrt(x**2 + y**2) without overflow; hypot(inf, NaN) = inf.
    public static let hypot = UFunc("hypot", inputs: 2, identity: .value(0), doc: "sqrt(x**2 + y**2) without overflow; hypot(inf, NaN) = inf.")
    /// `sinh`: Hyperbolic sine.
    public static let sinh = UFunc("sinh", inputs: 1, doc: "Hyperbolic sine.")
    /// `cosh`: Hyperbolic cosine.
    public static let cosh = UFunc("cosh", inputs: 1, doc: "Hyperbolic cosine.")
    /// `tanh`: Hyperbolic tangent.
    public static let tanh = UFunc("tanh", inputs: 1, doc: "Hyperbolic tangent.")
    /// `arcsinh`: Inverse hyperbolic sine.
    public static let arcsinh = UFunc("arcsinh", inputs: 1, doc: "Inverse hyperbolic sine.")
    /// `arccosh`: Inverse hyperbolic cosine, x >= 1; NaN below.
    public static let arccosh = UFunc("arccosh", inputs: 1, doc: "Inverse hyperbolic cosine, x >= 1; NaN below.")
    /// `arctanh`: Inverse hyperbolic tangent on (-1, 1); ±inf at ±1.
    public static let arctanh = UFunc("arctanh", inputs: 1, doc: "Inverse hyperbolic tangent on (-1, 1); ±inf at ±1.")
    /// `deg2rad`: Degrees to radians: x * pi / 180.
    public static let deg2rad = UFunc("deg2rad", inputs: 1, doc: "Degrees to radians: x * pi / 180.")
    /// `rad2deg`: Radians to degrees: x * 180 / pi.
    public static let rad2deg = UFunc("rad2deg", inputs: 1, doc: "Radians to degrees: x * 180 / pi.")
    /// `floor`: Largest integer <= x.
    public static let floor = UFunc("floor", inputs: 1, doc: "Largest integer <= x.")
    /// `ceil`: Smallest integer >= x.
    public static let ceil = UFunc("ceil", inputs: 1, doc: "Smallest integer >= x.")
    /// `trunc`: Integer part, toward zero.
    public static let trunc = UFunc("trunc", inputs: 1, doc: "Integer part, toward zero.")
    /// `rint`: Round to nearest integer, ties to even.
    public static let rint = UFunc("rint", inputs: 1, doc: "Round to nearest integer, ties to even.")
    /// `isnan`: Whether x is NaN, as bool.
    public static let isnan = UFunc("isnan", inputs: 1, doc: "Whether x is NaN, as bool.")
    /// `isinf`: Whether x is ±inf, as bool.
    public static let isinf = UFunc("isinf", inputs: 1, doc: "Whether x is ±inf, as bool.")
    /// `isfinite`: Whether x is neither inf nor NaN, as bool.
    public static let isfinite = UFunc("isfinite", inputs: 1, doc: "Whether x is neither inf nor NaN, as bool.")
    /// `signbit`: Whether the sign bit is set (true for -0.0 and negative NaN).
    public static let signbit = UFunc("signbit", inputs: 1, doc: "Whether the sign bit is set (true for -0.0 and negative NaN).")
    /// `copysign`: x1 with the sign of x2.
    public static let copysign = UFunc("copysign", inputs: 2, doc: "x1 with the sign of x2.")
    /// `nextafter`: The next representable value after x1 toward x2.
    public static let nextafter = UFunc("nextafter", inputs: 2, doc: "The next representable value after x1 toward x2.")
    /// `spacing`: Distance from x to the next representable value away from zero (ULP of x).
    public static let spacing = UFunc("spacing", inputs: 1, doc: "Distance from x to the next representable value away from zero (ULP of x).")
    /// `ldexp`: x1 * 2**x2, x2 an integer.
    public static let ldexp = UFunc("ldexp", inputs: 2, doc: "x1 * 2**x2, x2 an integer.")
    /// `frexp`: Mantissa in [0.5, 1) and integer exponent: x = m * 2**e. Two outputs.
    public static let frexp = UFunc("frexp", inputs: 1, outputs: 2, doc: "Mantissa in [0.5, 1) and integer exponent: x = m * 2**e. Two outputs.")
    /// `modf`: Fractional and integral parts, both with the sign of x. Two outputs.
    public static let modf = UFunc("modf", inputs: 1, outputs: 2, doc: "Fractional and integral parts, both with the sign of x. Two outputs.")
    /// `heaviside`: Heaviside step: 0 for x1 < 0, x2 for x1 == 0, 1 for x1 > 0; NaN for NaN.
    public static let heaviside = UFunc("heaviside", inputs: 2, doc: "Heaviside step: 0 for x1 < 0, x2 for x1 == 0, 1 for x1 > 0; NaN for NaN.")
    /// `gcd`: Greatest common divisor of |x1| and |x2| (integers).
    public static let gcd = UFunc("gcd", inputs: 2, identity: .value(0), doc: "Greatest common divisor of |x1| and |x2| (integers).")
    /// `lcm`: Lowest common multiple of |x1| and |x2| (integers).
    public static let lcm = UFunc("lcm", inputs: 2, doc: "Lowest common multiple of |x1| and |x2| (integers).")
    /// `conjugate`: Complex conjugate; the identity for real and integer types.
    public static let conjugate = UFunc("conjugate", inputs: 1, doc: "Complex conjugate; the identity for real and integer types.")

    /// Math ufuncs, in NumPy's documentation order.
    static let mathCatalogue: [UFunc] = [
        sqrt, cbrt, exp, exp2, expm1, log, log2, log10,
        log1p, logaddexp, logaddexp2, power, floatPower, sin, cos, tan,
        arcsin, arccos, arctan, arctan2, hypot, sinh, cosh, tanh,
        arcsinh, arccosh, arctanh, deg2rad, rad2deg, floor, ceil, trunc,
        rint, isnan, isinf, isfinite, signbit, copysign, nextafter, spacing,
        ldexp, frexp, modf, heaviside, gcd, lcm, conjugate,
    ]
}
