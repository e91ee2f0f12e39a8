import TesseraCore

// Order statistics without rearranging the data: the values a `partition` would put at
// each kth, which is all `median` and `quantile` need. A long lane is read once against
// two bounds taken from a sorted random sample (Floyd and Rivest's idea); the elements
// between the bounds are few, and the number below them turns the wanted ranks into ranks
// among those few. The lane is neither copied nor written. Short lanes, and lanes whose
// sample missed (many duplicates, or bad luck), are copied and run through introselect,
// so the answer is always the exact order statistic.

/// From this many elements a lane is selected through a sample.
let sampleSelectFromCount = 1024

/// From this many elements the sample is ``largeSampleSize`` elements and its bounds are
/// wide (a miss costs a copy of a long lane); shorter lanes sample a sixteenth.
let largeLaneCount = 1 << 16
private let largeSampleSize = 4096

/// Writes the elements of ranks `kth` (sorted, distinct, in `0..<count`) of the lane
/// `values[0]`, `values[stride]`, … to `out[0..<kth.count]`, reading the lane only.
func selectKernel<T: SortableElement>(_ values: UnsafePointer<T>, _ count: Int, _ stride: Int, _ kth: [Int], _ out: UnsafeMutablePointer<T>) {
    guard !kth.isEmpty else { return }
    if count >= sampleSelectFromCount && sampleSelect(values, count, stride, kth, out) { return }
    let scratch = UnsafeMutablePointer<T>.allocate(capacity: count)
    defer { scratch.deallocate() }
    if stride == 1 {
        scratch.initialize(from: values, count: count)
    } else {
        for i in 0..<count { (scratch + i).initialize(to: values[i * stride]) }
    }
    selectInPlace(scratch, count, kth, out)
}

/// ``selectKernel(_:_:_:_:_:)`` on a private buffer, which it rearranges: introselect for
/// the inner ranks, and a scan for the smallest and largest element (ranks 0 and
/// `count - 1`, which `median` and `quantile` ask for to find NaNs and clip indices).
func selectInPlace<T: SortableElement>(_ base: UnsafeMutablePointer<T>, _ count: Int, _ kth: [Int], _ out: UnsafeMutablePointer<T>) {
    let inner = kth.filter { $0 != 0 && $0 != count - 1 }
    if !inner.isEmpty {
        introselect(count, kth: inner) { base[$0] } swap: { base.swapAt($0, $1) }
    }
    for (j, k) in kth.enumerated() {
        if inner.contains(k) {
            out[j] = base[k]
        } else if k == 0 {
            // After the selection nothing before the first inner rank is larger than it.
            let end = inner.first ?? (count - 1)
            var smallest = base[0]
            for i in 0...end where T.sortsBefore(base[i], smallest) { smallest = base[i] }
            out[j] = smallest
        } else {
            var largest = base[inner.last ?? 0]
            for i in (inner.last ?? 0)..<count where T.sortsBefore(largest, base[i]) { largest = base[i] }
            out[j] = largest
        }
    }
}

/// One band of ranks: the sample ranks that bound it and the wanted ranks inside.
private struct Band {
    var lowRank: Int
    var highRank: Int
    var kth: [Int]
}

/// The sampled path; false when the sample's bounds missed a wanted rank (the caller then
/// copies and selects).
func sampleSelect<T: SortableElement>(_ values: UnsafePointer<T>, _ count: Int, _ stride: Int, _ kth: [Int], _ out: UnsafeMutablePointer<T>) -> Bool {
    let inner = kth.filter { $0 != 0 && $0 != count - 1 }
    let wantSmallest = kth.first == 0, wantLargest = kth.last == count - 1
    var smallest = values[0], largest = values[0]
    var results: [Int: T] = [:]
    if inner.isEmpty {
        for i in 0..<count {
            let x = values[i * stride]
            smallest = T.sortsBefore(x, smallest) ? x : smallest
            largest = T.sortsBefore(largest, x) ? x : largest
        }
    } else {
        // A fixed-seed sample: the result never depends on it, only the speed does.
        let large = count >= largeLaneCount
        let sampleSize = large ? largeSampleSize : count / 16
        let sample = UnsafeMutablePointer<T>.allocate(capacity: sampleSize)
        defer { sample.deallocate() }
        var state = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        for j in 0..<sampleSize {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            (sample + j).initialize(to: values[Int((state >> 20) % UInt64(count)) * stride])
        }
        introsort(sample, sampleSize)
        // A rank's position in the sample is binomial: four standard deviations either side
        // (three for short lanes, where a miss costs little).
        var bands: [Band] = []
        for k in inner {
            let p = Double(k) / Double(count)
            let centre = Int(p * Double(sampleSize))
            let spread = Int((large ? 4 : 3) * (Double(sampleSize) * p * (1 - p)).squareRoot()) + (large ? 8 : 3)
            let band = Band(lowRank: centre - spread, highRank: centre + spread, kth: [k])
            if var last = bands.last, band.lowRank <= last.highRank {
                last.highRank = band.highRank
                last.kth.append(k)
                bands[bands.count - 1] = last
            } else {
                bands.append(band)
            }
        }
        // Each band is one pass over the lane; many far-apart ranks are cheaper copied.
        guard bands.count <= 4 else { return false }
        for (index, band) in bands.enumerated() {
            let hasLow = band.lowRank >= 0, hasHigh = band.highRank < sampleSize
            let low = sample[Swift.max(band.lowRank, 0)], high = sample[Swift.min(band.highRank, sampleSize - 1)]
            // A NaN lower bound would put every number below it: leave such lanes to introselect.
            if hasLow && low.isUnordered { return false }
            let boundedAbove = hasHigh && !high.isUnordered
            let fraction = Double(Swift.min(band.highRank, sampleSize) - Swift.max(band.lowRank, 0)) / Double(sampleSize)
            let capacity = Swift.min(count / 2, Int(fraction * Double(count) * 2) + 4096)
            let taken = UnsafeMutablePointer<T>.allocate(capacity: capacity)
            defer { taken.deallocate() }
            var below = 0, kept = 0
            let track = index == 0 && (wantSmallest || wantLargest)
            for i in 0..<count {
                let x = values[i * stride]
                if track {
                    smallest = T.sortsBefore(x, smallest) ? x : smallest
                    largest = T.sortsBefore(largest, x) ? x : largest
                }
                let isBelow = hasLow && T.sortsBefore(x, low)
                below &+= isBelow ? 1 : 0
                if isBelow || (boundedAbove && T.sortsBefore(high, x)) { continue }
                if kept == capacity { return false }
                (taken + kept).initialize(to: x)
                kept += 1
            }
            let local = band.kth.map { $0 - below }
            guard local.allSatisfy({ $0 >= 0 && $0 < kept }) else { return false }
            let selected = UnsafeMutablePointer<T>.allocate(capacity: local.count)
            defer { selected.deallocate() }
            selectKernel(taken, kept, 1, local, selected)
            for (j, k) in band.kth.enumerated() { results[k] = selected[j] }
        }
    }
    for (j, k) in kth.enumerated() {
        if let value = results[k] {
            out[j] = value
        } else {
            out[j] = k == 0 ? smallest : largest
        }
    }
    return true
}
