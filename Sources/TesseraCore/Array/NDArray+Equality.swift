import ComplexModule

extension NDArray: Equatable {
    /// Whether two arrays have the same dtype, the same shape and equal elements
    /// (NumPy's `array_equal` plus a dtype check). As in NumPy, NaN is not equal to
    /// itself, and `-0.0 == 0.0`. Layout (strides, views) does not matter.
    public static func == (lhs: NDArray, rhs: NDArray) -> Bool {
        guard lhs.dtype == rhs.dtype, lhs.shape == rhs.shape else { return false }
        switch lhs.dtype {
        case .bool: return lhs.toArray(Bool.self) == rhs.toArray(Bool.self)
        case .int8, .int16, .int32, .int64: return lhs.toArray(Int64.self) == rhs.toArray(Int64.self)
        case .uint8, .uint16, .uint32, .uint64: return lhs.toArray(UInt64.self) == rhs.toArray(UInt64.self)
        case .float16, .float32, .float64:
            let a = lhs.toArray(Double.self), b = rhs.toArray(Double.self)
            return zip(a, b).allSatisfy { $0 == $1 }
        case .complex64, .complex128:
            // Component-wise: swift-numerics' `Complex.==` treats all non-finite values as equal.
            let a = lhs.toArray(Complex<Double>.self), b = rhs.toArray(Complex<Double>.self)
            return zip(a, b).allSatisfy { $0.rawStorage == $1.rawStorage }
        }
    }

    /// NumPy's `allclose(self, other, rtol, atol, equal_nan)`: whether every pair of
    /// elements (after broadcasting) satisfies `|a - b| <= atol + rtol * |b|`. Infinities
    /// are close only to the same infinity; NaNs only when `equalNaN`. Computed in double
    /// precision (complex: the modulus of the difference).
    ///
    /// Shapes that do not broadcast are a programmer error.
    public func allClose(_ other: NDArray, rtol: Double = 1e-5, atol: Double = 1e-8, equalNaN: Bool = false) -> Bool {
        stopOnError {
            let shape = try broadcastShapes([self.shape, other.shape])
            let a = try broadcast(to: shape).toArray(Complex<Double>.self)
            let b = try other.broadcast(to: shape).toArray(Complex<Double>.self)
            return zip(a, b).allSatisfy { x, y in
                NDArray.isClose(x, y, rtol: rtol, atol: atol, equalNaN: equalNaN)
            }
        }
    }

    static func isClose(_ x: Complex<Double>, _ y: Complex<Double>, rtol: Double, atol: Double, equalNaN: Bool) -> Bool {
        // Raw components: swift-numerics' `real` reports NaN for any non-finite value.
        let (xr, xi) = x.rawStorage, (yr, yi) = y.rawStorage
        let xNaN = xr.isNaN || xi.isNaN, yNaN = yr.isNaN || yi.isNaN
        if xNaN || yNaN { return equalNaN && xNaN && yNaN }
        if !x.isFinite || !y.isFinite { return xr == yr && xi == yi }
        let difference = Complex(xr - yr, xi - yi)
        return difference.length <= atol + rtol * y.length
    }
}
