extension NDArray {
    /// NumPy's rule for the `weights` of `average` and weighted `quantile`/`percentile`:
    /// weights shaped like `a` are used as they are; 1-D weights, one per position along
    /// `axis` (which must then be given), are reshaped to broadcast along that axis.
    /// - Throws: `.shapeMismatch` naming both shapes when neither applies.
    static func alignedWeights(_ weights: NDArray, to a: NDArray, axis: Int?, _ function: String) throws -> NDArray {
        if weights.shape == a.shape { return weights }
        guard let axis else {
            throw TesseraError(.shapeMismatch, "\(function): axis must be specified when shapes of a \(a.shape) and weights \(weights.shape) differ")
        }
        let resolved = try normalizeAxis(axis, ndim: a.ndim)
        guard weights.shape == [a.axisLength(resolved)] else {
            throw TesseraError(.shapeMismatch, "\(function): shape of weights \(weights.shape) must be consistent with shape of a \(a.shape) along axis \(axis) (one weight per position: [\(a.axisLength(resolved))])")
        }
        var shape = Array(repeating: 1, count: a.ndim)
        shape[resolved] = a.axisLength(resolved)
        return weights.reshaped(shape)
    }
}
