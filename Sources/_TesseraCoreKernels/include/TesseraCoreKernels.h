#ifndef TESSERA_CORE_KERNELS_H
#define TESSERA_CORE_KERNELS_H

// Internal to Tessera; no stable API.
//
// Copy kernels of TesseraCore that need instructions Swift cannot spell: streaming
// (non-temporal) stores, which are SSE2 and so part of baseline x86-64, 256-bit copies
// chosen at run time (per-function target attributes, capped by TESSERA_MAX_ISA through
// the caller), and software prefetches.

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

/// Copies `count` bytes (the buffers do not overlap), with 256-bit loads and stores when
/// `allow_avx2` is non-zero and the CPU has AVX2 (about 5% faster than glibc's memcpy for
/// megabyte copies that stay in the caches on Zen 4), else with memcpy.
void tessera_copy_bytes(void *_Nonnull destination, const void *_Nonnull source, size_t count, int allow_avx2);

/// The swaps of `count` Fisher–Yates steps over 8-byte elements, in order: step k
/// exchanges `values[top - k]` with `values[partners[k]]`. The partners' cache lines are
/// prefetched a few steps ahead (the partners are drawn before the swaps, and do not
/// depend on the data).
void tessera_shuffle_swaps64(uint64_t *_Nonnull values, ptrdiff_t top, const uint32_t *_Nonnull partners, ptrdiff_t count);

#endif
