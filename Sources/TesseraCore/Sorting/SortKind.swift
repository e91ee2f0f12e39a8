/// The algorithm family of a sort (NumPy's `kind=`).
public enum SortKind: String, Sendable, CaseIterable {
    /// Unstable and O(n log n) in the worst case (NumPy's `quicksort`, an introsort; its
    /// `heapsort` is accepted by NumPy as an alias of the same family).
    case quicksort
    /// Stable: equal elements keep their order (NumPy's `stable`/`mergesort`), so
    /// `argsort(kind: .stable)` gives one determined answer, the same as NumPy's.
    case stable
}

/// Which end of a run of equal elements `searchsorted` reports (NumPy's `side=`).
public enum SearchSide: String, Sendable {
    /// The first suitable index: `a[i-1] < v <= a[i]`.
    case left
    /// The last suitable index: `a[i-1] <= v < a[i]`.
    case right
}
