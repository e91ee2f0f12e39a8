/// The order statistics of chosen ranks in every lane of one axis: what `median` and
/// `quantile` read after NumPy's `partition`, without partitioning a copy of the data when
/// the backend has a selection kernel (``PartitionLoop/select``).
struct SelectedRanks {
    /// C-contiguous, shape `outer + [columns]`: the outer axes of the lanes in order, then
    /// one column per distinct rank (ascending).
    var rows: NDArray
    /// The column of each rank.
    let column: [Int: Int]
    /// The axis in the original array (0 for a flattened array).
    let axis: Int

    /// Ranks `kth` (in `0..<n`, any order, repeats allowed) of the lanes of `a` along
    /// `axis` (`nil`: the flattened array).
    init(_ a: NDArray, axis requested: Int?, kth: [Int], _ function: String) throws {
        let ranks = Array(Set(kth)).sorted()
        let source = requested == nil ? a.ravel() : a
        let axis = try requested.map { try NDArray.normalizeAxis($0, ndim: a.ndim) } ?? 0
        let loop = try Backends.active.sortLoops.partitionLoop(a.dtype, function)
        let item = a.itemSize
        let laneStride = source.axisStride(axis)
        guard let select = loop.select, laneStride % item == 0 else {
            // No selection kernel: NumPy's way, partitioning a copy.
            var lanes = try SortLanes(a, axis: requested, copy: true)
            try NDArray.partitionLanes(&lanes, kth: ranks, dtype: a.dtype, function)
            rows = lanes.rows
            column = Dictionary(uniqueKeysWithValues: ranks.map { ($0, $0) })
            self.axis = lanes.axis
            return
        }
        self.axis = axis
        column = Dictionary(uniqueKeysWithValues: ranks.enumerated().map { ($1, $0) })
        var outerShape = source.shape, outerStrides = source.strides
        outerShape.remove(at: axis)
        outerStrides.remove(at: axis)
        let n = source.axisLength(axis)
        rows = NDArray(uninitializedShape: outerShape + [ranks.count], dtype: a.dtype)
        let laneCount = outerShape.reduce(1, *)
        guard !ranks.isEmpty, laneCount > 0, n > 0 else { return }
        let target = rows.makeUniqueForWriting()
        let base = UnsafeRawPointer(source.baseAddress)
        // The outer axes in C order (an odometer), each lane read where it lies.
        var index = [Int](repeating: 0, count: outerShape.count)
        var offset = 0
        for lane in 0..<laneCount {
            select(base + offset, n, laneStride / item, ranks, target + lane * ranks.count * item)
            var d = outerShape.count - 1
            while d >= 0 {
                index[d] += 1
                offset += outerStrides[d]
                if index[d] < outerShape[d] { break }
                offset -= outerStrides[d] * outerShape[d]
                index[d] = 0
                d -= 1
            }
        }
    }

    /// Column `k` (a rank): shape `outer`.
    func values(_ k: Int) -> NDArray { rows.column(column[k]!) }

    /// Copies of the columns of ranks `ks`, stacked: shape `[ks.count] + outer`.
    func stacked(_ ks: [Int]) -> NDArray { rows.stackedColumns(ks.map { column[$0]! }) }

    /// The reduced axis for keepdims: nil when the whole array was flattened.
    func axisForKeepdims(_ requested: Int?) -> Int? { requested == nil ? nil : axis }
}
