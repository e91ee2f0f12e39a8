#include "TesseraCoreKernels.h"

#include <string.h>

#if defined(__x86_64__)
#include <emmintrin.h>
#define STORE64(address, value) _mm_stream_si64((long long *)(address), (long long)(value))
#define STORE32(address, value) _mm_stream_si32((int *)(address), (int)(value))
// Streaming stores are weakly ordered: make them visible before the array is used.
#define FENCE() _mm_sfence()
#else
#define STORE64(address, value) (*(int64_t *)(address) = (value))
#define STORE32(address, value) (*(int32_t *)(address) = (value))
#define FENCE() ((void)0)
#endif


ptrdiff_t tessera_take_streaming(
    const void *source, ptrdiff_t item_size, ptrdiff_t length,
    const int64_t *positions, ptrdiff_t count, void *destination) {
    const char *in = source;
    // The destination is a new array's buffer, aligned to its element size; the source
    // need not be (memcpy is one unaligned load).
    if (item_size == 8) {
        int64_t *out = destination;
        for (ptrdiff_t i = 0; i < count; i++) {
            // Negative positions count from the end. The check is a branch, not a
            // select, so that the load's address does not wait for it.
            int64_t p = positions[i];
            if (p < 0) p += length;
            if ((uint64_t)p >= (uint64_t)length) { FENCE(); return i; }
            int64_t value;
            memcpy(&value, in + p * 8, 8);
            STORE64(out + i, value);
        }
    } else {
        int32_t *out = destination;
        for (ptrdiff_t i = 0; i < count; i++) {
            // Negative positions count from the end. The check is a branch, not a
            // select, so that the load's address does not wait for it.
            int64_t p = positions[i];
            if (p < 0) p += length;
            if ((uint64_t)p >= (uint64_t)length) { FENCE(); return i; }
            int32_t value;
            memcpy(&value, in + p * 4, 4);
            STORE32(out + i, value);
        }
    }
    FENCE();
    return -1;
}
