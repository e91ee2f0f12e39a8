extension UFunc {
    // MARK: Arithmetic

    /// `add(x, y)`: x + y. Integers wrap; bool is logical or. Identity 0.
    public static let add = UFunc("add", inputs: 2, identity: .value(0), doc: "Add arguments element-wise: x + y. Integer overflow wraps; for bool, logical or.")
    /// `subtract(x, y)`: x − y. Not defined for bool.
    public static let subtract = UFunc("subtract", inputs: 2, doc: "Subtract arguments element-wise: x - y. Integer overflow wraps. Not defined for bool.")
    /// `multiply(x, y)`: x · y. Integers wrap; bool is logical and. Identity 1.
    public static let multiply = UFunc("multiply", inputs: 2, identity: .value(1), doc: "Multiply arguments element-wise: x * y. Integer overflow wraps; for bool, logical and.")
    /// `divide(x, y)` (`true_divide`): x / y in floating point; integers compute in float64.
    public static let divide = UFunc("divide", inputs: 2, resolver: .trueDivide, doc: "True division x / y. Integer inputs compute in float64. x/0 gives ±inf or NaN by IEEE 754.")
    /// `floor_divide(x, y)`: ⌊x / y⌋. Integer division by zero gives 0; `INT_MIN // -1` wraps to INT_MIN.
    public static let floorDivide = UFunc("floor_divide", inputs: 2, doc: "Floor division: the largest integer ≤ x / y. Integer division by zero gives 0, as in NumPy; INT_MIN // -1 gives INT_MIN.")
    /// `remainder(x, y)` (`mod`): x − y·⌊x/y⌋, with the sign of y. Integer remainder by zero gives 0.
    public static let remainder = UFunc("remainder", inputs: 2, doc: "Python-style remainder x - y*floor(x/y); the result has the sign of y. Integer remainder by zero gives 0.")
    /// `fmod(x, y)`: C's fmod, the remainder with the sign of x. Integer fmod by zero gives 0.
    public static let fmod = UFunc("fmod", inputs: 2, doc: "C-style remainder with the sign of x (C fmod). Integer fmod by zero gives 0.")
    /// `divmod(x, y)`: `(floor_divide(x, y), remainder(x, y))`, two outputs.
    public static let divmod = UFunc("divmod", inputs: 2, outputs: 2, doc: "Floor quotient and remainder together: (x // y, x % y).")
    /// `negative(x)`: −x. Integers wrap (−INT_MIN is INT_MIN). Not defined for bool.
    public static let negative = UFunc("negative", inputs: 1, doc: "Numerical negative, -x. Integers wrap. Not defined for bool.")
    /// `positive(x)`: +x, a copy. Not defined for bool.
    public static let positive = UFunc("positive", inputs: 1, doc: "Numerical positive, +x (a copy). Not defined for bool.")
    /// `absolute(x)` (`abs`): |x|; for complex, the modulus (a real result). `abs(INT_MIN)` is INT_MIN.
    public static let absolute = UFunc("absolute", inputs: 1, doc: "Absolute value |x|. For complex, the modulus (hypot of the parts) as a real. abs(INT_MIN) wraps to INT_MIN.")
    /// `sign(x)`: −1, 0 or 1 (NaN for NaN). For complex, x/|x| (NumPy 2).
    public static let sign = UFunc("sign", inputs: 1, doc: "Sign: -1, 0, +1; NaN for NaN. For complex, x/|x| (0 for 0), as in NumPy 2.")
    /// `square(x)`: x · x.
    public static let square = UFunc("square", inputs: 1, doc: "x * x. Integers wrap.")
    /// `reciprocal(x)`: 1 / x. For integers, C integer division (0 for |x| > 1, 0 for x = 0).
    public static let reciprocal = UFunc("reciprocal", inputs: 1, doc: "1 / x. For integers, integer division 1 // x truncated toward zero; 1/0 gives 0.")

    // MARK: Extrema

    /// `maximum(x, y)`: the larger; NaN propagates.
    public static let maximum = UFunc("maximum", inputs: 2, identity: .reorderableNone, doc: "Element-wise maximum. NaN propagates (if either is NaN, the result is NaN).")
    /// `minimum(x, y)`: the smaller; NaN propagates.
    public static let minimum = UFunc("minimum", inputs: 2, identity: .reorderableNone, doc: "Element-wise minimum. NaN propagates.")
    /// `fmax(x, y)`: the larger, ignoring NaN (NaN only if both are).
    public static let fmax = UFunc("fmax", inputs: 2, identity: .reorderableNone, doc: "Element-wise maximum ignoring NaN: NaN only if both are NaN.")
    /// `fmin(x, y)`: the smaller, ignoring NaN.
    public static let fmin = UFunc("fmin", inputs: 2, identity: .reorderableNone, doc: "Element-wise minimum ignoring NaN: NaN only if both are NaN.")

    // MARK: Comparison

    /// `equal(x, y)`: x == y, a bool array. NaN is unequal to everything.
    public static let equal = UFunc("equal", inputs: 2, doc: "x == y element-wise, as bool. NaN compares unequal.")
    /// `not_equal(x, y)`: x != y.
    public static let notEqual = UFunc("not_equal", inputs: 2, doc: "x != y element-wise, as bool. NaN != NaN is true.")
    /// `less(x, y)`: x < y.
    public static let less = UFunc("less", inputs: 2, doc: "x < y element-wise, as bool. Comparisons with NaN are false.")
    /// `less_equal(x, y)`: x ≤ y.
    public static let lessEqual = UFunc("less_equal", inputs: 2, doc: "x <= y element-wise, as bool.")
    /// `greater(x, y)`: x > y.
    public static let greater = UFunc("greater", inputs: 2, doc: "x > y element-wise, as bool.")
    /// `greater_equal(x, y)`: x ≥ y.
    public static let greaterEqual = UFunc("greater_equal", inputs: 2, doc: "x >= y element-wise, as bool.")

    // MARK: Logical

    /// `logical_and(x, y)`: truth of both, as bool. Identity true.
    public static let logicalAnd = UFunc("logical_and", inputs: 2, identity: .value(1), doc: "Truth value of x AND y, as bool.")
    /// `logical_or(x, y)`: truth of either, as bool. Identity false.
    public static let logicalOr = UFunc("logical_or", inputs: 2, identity: .value(0), doc: "Truth value of x OR y, as bool.")
    /// `logical_xor(x, y)`: truth of exactly one, as bool.
    public static let logicalXor = UFunc("logical_xor", inputs: 2, identity: .value(0), doc: "Truth value of x XOR y, as bool.")
    /// `logical_not(x)`: truth of not x, as bool.
    public static let logicalNot = UFunc("logical_not", inputs: 1, doc: "Truth value of NOT x, as bool.")

    // MARK: Bitwise (integers and bool)

    /// `bitwise_and(x, y)`: x & y. Identity −1 (all ones).
    public static let bitwiseAnd = UFunc("bitwise_and", inputs: 2, identity: .value(-1), doc: "Bitwise AND of integers or bools.")
    /// `bitwise_or(x, y)`: x | y. Identity 0.
    public static let bitwiseOr = UFunc("bitwise_or", inputs: 2, identity: .value(0), doc: "Bitwise OR of integers or bools.")
    /// `bitwise_xor(x, y)`: x ^ y. Identity 0.
    public static let bitwiseXor = UFunc("bitwise_xor", inputs: 2, identity: .value(0), doc: "Bitwise XOR of integers or bools.")
    /// `invert(x)` (`bitwise_not`): ~x; for bool, logical not.
    public static let invert = UFunc("invert", inputs: 1, doc: "Bitwise NOT (~x) of integers; logical NOT of bools.")
    /// `left_shift(x, y)`: x << y; shifts by ≥ the bit width (or negative) give 0.
    public static let leftShift = UFunc("left_shift", inputs: 2, doc: "x << y. A shift by the bit width or more, or by a negative amount, gives 0, as in NumPy.")
    /// `right_shift(x, y)`: x >> y (arithmetic for signed); shifts by ≥ the bit width give 0, or −1 for negative x.
    public static let rightShift = UFunc("right_shift", inputs: 2, doc: "x >> y, arithmetic for signed types. A shift by the bit width or more gives 0 (−1 for negative signed x), as in NumPy.")

    /// Every ufunc, in NumPy's documentation order.
    static let catalogue: [UFunc] = [
        add, subtract, multiply, divide, floorDivide, remainder, fmod, divmod,
        negative, positive, absolute, sign, square, reciprocal,
        maximum, minimum, fmax, fmin,
        equal, notEqual, less, lessEqual, greater, greaterEqual,
        logicalAnd, logicalOr, logicalXor, logicalNot,
        bitwiseAnd, bitwiseOr, bitwiseXor, invert, leftShift, rightShift,
    ] + mathCatalogue
}
