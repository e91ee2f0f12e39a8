#ifndef TESSERA_OPENMP_MERGE_H
#define TESSERA_OPENMP_MERGE_H

// Internal to TesseraOpenMP; no stable API.

#include <stdint.h>

/// Merges the sorted runs `a[0..<m]` and `b[0..<n]` into `out` in NumPy's sort order
/// (NaNs last), stably (elements of `a` first on ties), for the element type of NumPy's
/// type character `dtype` (`b B h H i I l L f d`). Returns 0, or -1 for any other type
/// (nothing written).
int tessera_omp_merge(char dtype, const void *_Nonnull a, intptr_t m, const void *_Nonnull b, intptr_t n,
                      void *_Nonnull out);

#endif
