// Axis views the matrix-product functions need (permuting and merging axes). Internal:
// the public `transposed()`/`reshaped` live with the array's view API.

extension NDArray {
    /// A view with the axes in the order `axes` (a permutation), sharing storage.
    func permutedAxesView(_ axes: [Int]) -> NDArray {
        NDArray(storage: storage, dtype: dtype, shape: axes.map { shape[$0] }, strides: axes.map { strides[$0] }, offset: offset)
    }

    /// The array with consecutive axes merged: `groups` are the lengths of the runs of
    /// axes that become one axis each (a group of 0 axes becomes a length-1 axis). A view
    /// when the strides allow it, otherwise a C-ordered copy.
    func mergingAxes(_ groups: [Int]) -> NDArray {
        require(groups.reduce(0, +) == ndim, "mergingAxes: groups \(groups) do not cover \(ndim) axes")
        func merged(_ source: NDArray) -> NDArray? {
            var newShape: [Int] = [], newStrides: [Int] = []
            var axis = 0
            for group in groups {
                var length = 1
                var stride = source.itemSize
                var innerStride: Int?  // stride of the innermost non-unit axis seen so far
                var innerSpan = 1      // product of the lengths of the axes inside it
                for a in (axis..<(axis + group)).reversed() where source.axisLength(a) != 1 {
                    if let inner = innerStride {
                        guard source.axisStride(a) == inner * innerSpan else { return nil }
                        innerSpan *= source.axisLength(a)
                    } else {
                        innerStride = source.axisStride(a)
                        innerSpan = source.axisLength(a)
                        stride = source.axisStride(a)
                    }
                }
                for a in axis..<(axis + group) { length *= source.axisLength(a) }
                newShape.append(length)
                newStrides.append(length == 0 ? source.itemSize : stride)
                axis += group
            }
            return NDArray(storage: source.storage, dtype: source.dtype, shape: newShape, strides: newStrides, offset: source.offset)
        }
        if let view = merged(self) { return view }
        return merged(copy(order: .c))!
    }
}
