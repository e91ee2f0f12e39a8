/// NumPy's broadcasting rule for a set of shapes: align on the right; each axis
/// must be equal or 1.
///
/// - Throws: `.shapeMismatch` naming the shapes that do not broadcast.
public func broadcastShapes(_ shapes: [[Int]]) throws -> [Int] {
    let ndim = shapes.map(\.count).max() ?? 0
    var result = [Int](repeating: 1, count: ndim)
    for shape in shapes {
        let pad = ndim - shape.count
        for (i, length) in shape.enumerated() {
            let axis = pad + i
            if result[axis] == length || length == 1 { continue }
            if result[axis] == 1 {
                result[axis] = length
                continue
            }
            throw TesseraError(
                .shapeMismatch,
                "operands could not be broadcast together with shapes \(shapes.map { "(\($0.map(String.init).joined(separator: ",")))" }.joined(separator: " "))"
            )
        }
    }
    return result
}

extension NDArray {
    /// The byte strides that present this array with `shape` (broadcast axes get 0).
    /// The caller has checked that the shapes broadcast.
    func broadcastStrides(to shape: [Int]) -> [Int] {
        let pad = shape.count - ndim
        var result = [Int](repeating: 0, count: shape.count)
        for axis in 0..<ndim where axisLength(axis) != 1 {
            result[pad + axis] = axisStride(axis)
        }
        return result
    }

    /// A read-only view with `shape`, repeating along broadcast axes (NumPy's `broadcast_to`).
    public func broadcast(to shape: [Int]) throws -> NDArray {
        let result = try broadcastShapes([self.shape, shape])
        guard result == shape else {
            throw TesseraError(.shapeMismatch, "cannot broadcast an array of shape \(self.shape) to shape \(shape)")
        }
        return NDArray(storage: storage, dtype: dtype, shape: shape, strides: broadcastStrides(to: shape), offset: offset)
    }
}
