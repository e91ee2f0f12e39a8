import ComplexModule
import TesseraCore

// The `stable` kind for bool, integers and floats (NumPy uses radix sort for its
// 8- and 16-bit types and timsort for the rest; a stable sort's result is the same
// whichever algorithm makes it): a least-significant-digit radix sort on an unsigned key
// whose order is NumPy's element order. Float keys flip the sign bit (negative numbers:
// every bit), send every NaN to the largest key and −0.0 to +0.0's key, so NaNs stay in
// their original order at the end and zeros of both signs in theirs.

/// An element with an unsigned key that orders like ``SortableElement/sortsBefore(_:_:)``
/// and is equal exactly for elements that compare equal.
protocol RadixSortable: SortableElement {
    associatedtype RadixKey: FixedWidthInteger & UnsignedInteger
    var radixKey: RadixKey { get }
}

extension Bool: RadixSortable { var radixKey: UInt8 { self ? 1 : 0 } }
extension UInt8: RadixSortable { var radixKey: UInt8 { self } }
extension UInt16: RadixSortable { var radixKey: UInt16 { self } }
extension UInt32: RadixSortable { var radixKey: UInt32 { self } }
extension UInt64: RadixSortable { var radixKey: UInt64 { self } }
extension Int8: RadixSortable { var radixKey: UInt8 { UInt8(bitPattern: self) ^ 0x80 } }
extension Int16: RadixSortable { var radixKey: UInt16 { UInt16(bitPattern: self) ^ 0x8000 } }
extension Int32: RadixSortable { var radixKey: UInt32 { UInt32(bitPattern: self) ^ 0x8000_0000 } }
extension Int64: RadixSortable { var radixKey: UInt64 { UInt64(bitPattern: self) ^ 0x8000_0000_0000_0000 } }
extension Float16: RadixSortable { var radixKey: UInt16 { floatRadixKey(bitPattern, isNaN: isNaN) } }
extension Float: RadixSortable { var radixKey: UInt32 { floatRadixKey(bitPattern, isNaN: isNaN) } }
extension Double: RadixSortable { var radixKey: UInt64 { floatRadixKey(bitPattern, isNaN: isNaN) } }

@inline(__always)
func floatRadixKey<U: FixedWidthInteger & UnsignedInteger>(_ bits: U, isNaN: Bool) -> U {
    if isNaN { return U.max }
    let sign: U = 1 << (U.bitWidth - 1)
    if bits == sign { return sign }  // −0.0 sorts with +0.0
    return bits & sign != 0 ? ~bits : bits | sign
}

/// Runs shorter than this are sorted by insertion instead (stable too).
private let radixThreshold = 64

/// Stably sorts `count` elements in place.
func radixSort<T: RadixSortable>(_ base: UnsafeMutablePointer<T>, _ count: Int) {
    if count < radixThreshold {
        insertionSort(0, count - 1) { base[$0] } swap: { base.swapAt($0, $1) }
        return
    }
    let digits = MemoryLayout<T.RadixKey>.size
    var counts = [Int](repeating: 0, count: 256 * digits)
    counts.withUnsafeMutableBufferPointer { counts in
        for i in 0..<count {
            var key = base[i].radixKey
            for digit in 0..<digits {
                counts[digit << 8 + Int(truncatingIfNeeded: key) & 0xFF] += 1
                key >>= 8
            }
        }
        let buffer = UnsafeMutablePointer<T>.allocate(capacity: count)
        defer { buffer.deallocate() }
        var source = base, target = buffer
        let firstKey = base[0].radixKey
        for digit in 0..<digits {
            let shift = T.RadixKey(digit * 8)
            let bucket = counts.baseAddress! + digit << 8
            // A digit all keys share leaves the order as it is.
            if bucket[Int(truncatingIfNeeded: firstKey >> shift) & 0xFF] == count { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var total = 0
            for b in 0..<256 { offsets[b] = total; total += bucket[b] }
            offsets.withUnsafeMutableBufferPointer { offsets in
                for i in 0..<count {
                    let value = source[i]
                    let b = Int(truncatingIfNeeded: value.radixKey >> shift) & 0xFF
                    target[offsets[b]] = value
                    offsets[b] += 1
                }
            }
            swap(&source, &target)
        }
        if source != base { base.update(from: source, count: count) }
    }
}

/// Stably permutes `indices` (holding `0..<count`) so that `values[indices[i]]` is sorted.
func argRadixSort<T: RadixSortable>(_ values: UnsafePointer<T>, _ indices: UnsafeMutablePointer<Int64>, _ count: Int) {
    if count < radixThreshold {
        insertionSort(0, count - 1) { values[Int(indices[$0])] } swap: { indices.swapAt($0, $1) }
        return
    }
    let digits = MemoryLayout<T.RadixKey>.size
    let keys = UnsafeMutablePointer<T.RadixKey>.allocate(capacity: 2 * count)
    let spareIndices = UnsafeMutablePointer<Int64>.allocate(capacity: count)
    defer { keys.deallocate(); spareIndices.deallocate() }
    var counts = [Int](repeating: 0, count: 256 * digits)
    counts.withUnsafeMutableBufferPointer { counts in
        for i in 0..<count {
            var key = values[Int(indices[i])].radixKey
            keys[i] = key
            for digit in 0..<digits {
                counts[digit << 8 + Int(truncatingIfNeeded: key) & 0xFF] += 1
                key >>= 8
            }
        }
        var sourceKeys = keys, targetKeys = keys + count
        var sourceIndices = indices, targetIndices = spareIndices
        let firstKey = keys[0]
        for digit in 0..<digits {
            let shift = T.RadixKey(digit * 8)
            let bucket = counts.baseAddress! + digit << 8
            if bucket[Int(truncatingIfNeeded: firstKey >> shift) & 0xFF] == count { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var total = 0
            for b in 0..<256 { offsets[b] = total; total += bucket[b] }
            offsets.withUnsafeMutableBufferPointer { offsets in
                for i in 0..<count {
                    let key = sourceKeys[i]
                    let b = Int(truncatingIfNeeded: key >> shift) & 0xFF
                    let slot = offsets[b]
                    targetKeys[slot] = key
                    targetIndices[slot] = sourceIndices[i]
                    offsets[b] = slot + 1
                }
            }
            swap(&sourceKeys, &targetKeys)
            swap(&sourceIndices, &targetIndices)
        }
        if sourceIndices != indices { indices.update(from: sourceIndices, count: count) }
    }
}
