// How large the stack block behind streaming stores may be (TS_STREAM_BLOCK_BYTES in
// the shim's StreamingStores.h): a float64 divide of 10⁶ elements, streamed out through
// blocks of 4 KB down to 256 bytes, against ordinary stores, against a loop that streams
// each vector straight out, and against the streamed multiply (the memory's own time).
// A divide is long enough that, with large blocks, computing a block and streaming it
// out take turns instead of overlapping.
//
// Same buffers every call (warm, as in the harness), the calling thread's CPU time, the
// median and minimum of 31 calls, three rounds:
//
//   clang -O2 -o /tmp/stream_block Benchmarks/stream/stream_block.c && /tmp/stream_block
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define N 1000000L
#define TARGET __attribute__((target("avx512f,avx512vl,avx2,fma"), noinline))

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

TARGET static void ordinary(double *o, const double *a, const double *b, long n) {
    for (long i = 0; i < n; i += 8) _mm512_store_pd(o + i, _mm512_div_pd(_mm512_load_pd(a + i), _mm512_load_pd(b + i)));
}

TARGET static void streamed_directly(double *o, const double *a, const double *b, long n) {
    for (long i = 0; i < n; i += 8) _mm512_stream_pd(o + i, _mm512_div_pd(_mm512_load_pd(a + i), _mm512_load_pd(b + i)));
    _mm_sfence();
}

// As the shim does it: each block computed into the stack, then streamed out.
#define THROUGH_BLOCKS(NAME, BYTES)                                                            \
    TARGET static void NAME(double *o, const double *a, const double *b, long n) {            \
        _Alignas(64) double block[BYTES / 8];                                                  \
        for (long s = 0; s < n; s += BYTES / 8) {                                              \
            for (long i = 0; i < BYTES / 8; i += 4)                                            \
                _mm256_store_pd(block + i, _mm256_div_pd(_mm256_load_pd(a + s + i), _mm256_load_pd(b + s + i))); \
            for (long i = 0; i < BYTES / 8; i += 8) _mm512_stream_pd(o + s + i, _mm512_load_pd(block + i)); \
        }                                                                                      \
        _mm_sfence();                                                                          \
    }
THROUGH_BLOCKS(blocks_4k, 4096)
THROUGH_BLOCKS(blocks_1k, 1024)
THROUGH_BLOCKS(blocks_512, 512)
THROUGH_BLOCKS(blocks_256, 256)

TARGET static void multiply_streamed(double *o, const double *a, const double *b, long n) {
    for (long i = 0; i < n; i += 8) _mm512_stream_pd(o + i, _mm512_mul_pd(_mm512_load_pd(a + i), _mm512_load_pd(b + i)));
    _mm_sfence();
}

static int by_value(const void *x, const void *y) {
    const double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

int main(void) {
    double *a = aligned_alloc(64, N * 8), *b = aligned_alloc(64, N * 8), *o = aligned_alloc(64, N * 8);
    for (long i = 0; i < N; i++) { a[i] = 1 + i % 97; b[i] = 3 + i % 89; o[i] = 0; }
    const char *names[] = {"ordinary", "streamed directly", "4 KB blocks", "1 KB blocks", "512 B blocks", "256 B blocks", "multiply, streamed"};
    void (*loops[])(double *, const double *, const double *, long) = {
        ordinary, streamed_directly, blocks_4k, blocks_1k, blocks_512, blocks_256, multiply_streamed};
    for (int round = 0; round < 3; round++) {
        for (int k = 0; k < 7; k++) {
            double t[31];
            for (int s = 0; s < 31; s++) {
                const double t0 = now();
                loops[k](o, a, b, N);
                t[s] = now() - t0;
            }
            qsort(t, 31, sizeof t[0], by_value);
            printf("%-19s median %6.1f µs  min %6.1f µs\n", names[k], t[15] * 1e6, t[0] * 1e6);
        }
        puts("");
    }
    return 0;
}
