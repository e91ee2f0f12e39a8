#include "TesseraCoreKernels.h"

// How many swaps ahead the partner is prefetched. Each swap reads and writes one element
// at a random place in an array larger than the caches; the swaps themselves must run in
// order (a partner may be an element an earlier swap moved), but the lines they touch can
// be requested early, so that some thirty misses are in flight instead of one.
#define PREFETCH_DISTANCE 32

void tessera_shuffle_swaps64(uint64_t *values, ptrdiff_t top, const uint32_t *partners, ptrdiff_t count) {
    ptrdiff_t k = 0;
    ptrdiff_t ahead = count - PREFETCH_DISTANCE;
    for (ptrdiff_t p = 0; p < PREFETCH_DISTANCE && p < count; p++) {
        __builtin_prefetch(values + partners[p], 1, 3);
    }
    for (; k < ahead; k++) {
        __builtin_prefetch(values + partners[k + PREFETCH_DISTANCE], 1, 3);
        uint64_t *a = values + (top - k);
        uint64_t *b = values + partners[k];
        uint64_t kept = *a;
        *a = *b;
        *b = kept;
    }
    for (; k < count; k++) {
        uint64_t *a = values + (top - k);
        uint64_t *b = values + partners[k];
        uint64_t kept = *a;
        *a = *b;
        *b = kept;
    }
}
