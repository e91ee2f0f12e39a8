#ifndef TESSERA_SIMD_SORT_H
#define TESSERA_SIMD_SORT_H

// Internal to TesseraSIMD; no stable API.
//
// The sorting family: `sort` and `argsort` kernels for int32, uint32, int64, uint64,
// float32 and float64, one set per instruction-set level. Registered from Swift
// (SIMDSortLoops) into the registry's SortLoopTable.

#include "TesseraSIMDLoops.h"

/// Sorts `count` elements at `values` in place in NumPy's order (NaNs last) with an
/// unstable quicksort: equal keys, −0.0 and +0.0 included, may come out in any order, and
/// the core's tie pass (`TieOrder`) then puts zeros and NaNs in Tessera's one order.
/// Returns 0, or -1 when no scratch memory could be allocated (nothing was changed).
typedef int (*tessera_simd_sort_fn)(void *_Nonnull values, intptr_t count);
/// Writes to `indices` the permutation that sorts `values`, with the indices of each run of
/// equal keys sorted afterwards, so that ties come out in index order as a stable sort's.
/// Returns 0, or -1 when no scratch memory could be allocated.
typedef int (*tessera_simd_argsort_fn)(const void *_Nonnull values, int64_t *_Nonnull indices, intptr_t count);

/// One dtype's kernels, compiled per level (NULL: the level has no code of its own).
typedef struct {
    /// NumPy's type character (`i`, `I`, `l`, `L`, `f`, `d`; `l` is int64).
    char dtype;
    tessera_simd_sort_fn _Nullable sort[3];
    tessera_simd_argsort_fn _Nullable argsort[3];
} tessera_simd_sort_entry;

/// The family's kernels (index 0: SSE2, 1: AVX2, 2: AVX-512); `count` receives their number.
const tessera_simd_sort_entry *_Nonnull tessera_simd_sort_kernels(intptr_t *_Nonnull count);

#endif
