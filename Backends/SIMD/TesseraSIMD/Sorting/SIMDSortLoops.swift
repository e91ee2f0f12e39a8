internal import _TesseraSIMDShim
import TesseraCore

/// The SIMD backend's `sort` and `argsort` for int32, uint32, int64, uint64, float32 and
/// float64 (NumPy's `np.sort`/`np.argsort` with `kind="quicksort"`, which NumPy also runs
/// as a vectorised quicksort on x86).
///
/// The kernels (C shim, `sort/`) map the elements to signed integer keys in NumPy's order
/// (NaNs last, −0.0 equal to +0.0 for `argsort`) and sort them with a quicksort that
/// partitions in vector registers (AVX-512 compress; AVX2 lane permutations from a table)
/// and finishes short runs (up to 32–128 keys by dtype and ISA) with a sorting network,
/// heapsorting past 2·log2(n) levels. Ties follow Tessera's rule (`TieOrder` in the
/// core), so the results are the scalar backend's bit for bit: `argsort` puts the
/// indices of equal keys in ascending order; `sort` leaves −0.0 before +0.0 and the core
/// orders the trailing NaNs.
///
/// Kernels exist for AVX2 and AVX-512; at SSE2 the scalar backend's sorts stay, and the
/// `stable` kind always stays the scalar radix sort. When a kernel cannot allocate its
/// scratch keys it hands the lane to the kernel it replaced.
enum SIMDSortLoops {
    /// Registers the family's `quicksort` kernels at `level` over the scalar ones.
    static func install(into registry: LoopRegistry, at level: InstructionSetLevel) throws {
        var count = 0
        let entries = tessera_simd_sort_kernels(&count)
        for entry in UnsafeBufferPointer(start: entries, count: count) {
            let dtype = try Self.dtype(entry.dtype)
            guard let (sort, argsort, used) = kernels(of: entry, at: level) else { continue }
            guard let replaced = registry.sortLoops.loop(dtype: dtype, kind: .quicksort) else {
                throw TesseraError(.backendUnavailable, "simd: no sort kernel for \(dtype) to replace; install the scalar backend first")
            }
            registry.sortLoops.register(SortLoop(
                dtype: dtype, kind: .quicksort, backend: "simd", instructionSet: used.rawValue,
                sort: { values, count in
                    if sort(values, count) != 0 { replaced.sort(values, count) }
                },
                argsort: { values, indices, count in
                    if argsort(values, indices, count) != 0 { replaced.argsort(values, indices, count) }
                }
            ))
        }
    }

    /// The entry's kernels at `level`, or at the widest narrower level that has them.
    static func kernels(of entry: tessera_simd_sort_entry, at level: InstructionSetLevel) -> (tessera_simd_sort_fn, tessera_simd_argsort_fn, InstructionSetLevel)? {
        let candidates: [(tessera_simd_sort_fn?, tessera_simd_argsort_fn?, InstructionSetLevel)] = [
            (entry.sort.2, entry.argsort.2, .avx512), (entry.sort.1, entry.argsort.1, .avx2), (entry.sort.0, entry.argsort.0, .sse2),
        ]
        for (sort, argsort, candidateLevel) in candidates where candidateLevel <= level {
            if let sort, let argsort { return (sort, argsort, candidateLevel) }
        }
        return nil
    }

    private static func dtype(_ code: CChar) throws -> DType {
        switch UInt8(bitPattern: code) {
        case UInt8(ascii: "i"): .int32
        case UInt8(ascii: "I"): .uint32
        case UInt8(ascii: "l"): .int64
        case UInt8(ascii: "L"): .uint64
        case UInt8(ascii: "f"): .float32
        case UInt8(ascii: "d"): .float64
        default: throw TesseraError(.backendUnavailable, "simd: unknown dtype code `\(Character(Unicode.Scalar(UInt8(bitPattern: code))))` in the sort table")
        }
    }
}
