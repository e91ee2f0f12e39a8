/// NumPy's `np.lexsort(keys, axis)`: the indices that sort by several keys, the **last**
/// key primary, ties broken by the one before it, and so on; equal rows keep their order
/// (the sort is stable). Every key has the same shape; the result is int64 of that shape.
/// Bad input is a programmer error; see ``NDArray/lexsort(_:axis:)`` for the throwing form.
public func lexsort(_ keys: [NDArray], axis: Int = -1) -> NDArray {
    do {
        return try NDArray.lexsort(keys, axis: axis)
    } catch {
        fatalError("lexsort: \(error)")
    }
}

extension NDArray {
    /// Throwing form of ``lexsort(_:axis:)``.
    /// - Throws: `.valueError` for no keys, `.shapeMismatch` when the keys' shapes
    ///   differ, `.axisError` for a bad axis.
    public static func lexsort(_ keys: [NDArray], axis: Int = -1) throws -> NDArray {
        guard let first = keys.first else {
            throw TesseraError(.valueError, "lexsort: need at least one key (an array of keys, the last one primary)")
        }
        for key in keys where key.shape != first.shape {
            throw TesseraError(.shapeMismatch, "lexsort: all keys need the same shape; got \(first.shape) and \(key.shape)")
        }
        let lanes = try keys.map { try SortLanes($0, axis: axis, copy: false) }
        let result = lanes[0].identityIndices()
        let n = lanes[0].length
        guard n > 1 else { return lanes[0].restore(result) }
        let index = result.baseAddress.assumingMemoryBound(to: Int64.self)
        let order = UnsafeMutablePointer<Int64>.allocate(capacity: n)
        let gathered = UnsafeMutableRawPointer.allocate(byteCount: n * 16, alignment: 64)
        let previous = UnsafeMutablePointer<Int64>.allocate(capacity: n)
        defer { order.deallocate(); gathered.deallocate(); previous.deallocate() }
        let loops = try keys.map { try Backends.active.sortLoops.sortLoop($0.dtype, .stable, "lexsort") }
        for row in 0..<lanes[0].count {
            let lane = index + row * n
            // Stable sorts from the least significant key (the first) to the primary one.
            for (key, loop) in zip(lanes, loops) {
                let item = key.rows.itemSize
                let values = key.rows.baseAddress + row * n * item
                for i in 0..<n {
                    (gathered + i * item).copyMemory(from: values + Int(lane[i]) * item, byteCount: item)
                    order[i] = Int64(i)
                }
                loop.argsort(gathered, order, n)
                previous.update(from: lane, count: n)
                for i in 0..<n { lane[i] = previous[Int(order[i])] }
            }
        }
        return lanes[0].restore(result)
    }
}
