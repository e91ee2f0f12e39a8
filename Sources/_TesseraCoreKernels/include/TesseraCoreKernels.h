#ifndef TESSERA_CORE_KERNELS_H
#define TESSERA_CORE_KERNELS_H

// Internal to Tessera; no stable API.
//
// Copy kernels of TesseraCore that need instructions Swift cannot spell: streaming
// (non-temporal) stores, which are SSE2 and so part of baseline x86-64.

#include <stddef.h>
#include <stdint.h>

/// NumPy's `take` of one axis with `mode='raise'` for 8- or 4-byte elements
/// (`item_size`): `destination[i] = source[positions[i]]`, negative positions counting
/// from the end, written with streaming stores (for outputs larger than the caches, so
/// that they do not evict the source the gather reads at random). Returns the index of
/// the first position out of range (the elements before it are written), or -1.
ptrdiff_t tessera_take_streaming(
    const void *_Nonnull source, ptrdiff_t item_size, ptrdiff_t length,
    const int64_t *_Nonnull positions, ptrdiff_t count, void *_Nonnull destination);

#endif
