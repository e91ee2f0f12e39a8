// One-thread read bandwidth of a fold over 10⁷ float64 (80 MB, past the L3), with and
// without software prefetch, on huge pages or on 4 KB pages: what a memory-bound
// reduction (`sum`, `max`, `argmax` of 10⁷ float64) can reach on one core.
//
//   clang -O2 -o /tmp/read_bandwidth Backends/SIMD/tools/read_bandwidth.c && /tmp/read_bandwidth [0|1]
//
// The argument chooses madvise(MADV_NOHUGEPAGE) (0) or MADV_HUGEPAGE (1, default; what
// ArrayStorage does for large arrays). Times are thread CPU time, median of 21 passes.
// On the Zen 4 machine (2 vCPUs, shared), three runs: huge pages 2.43–2.82 ms (28–33 GB/s) for every
// variant — no prefetch, 1/2/4/8 KB ahead with T0, 1/2/4 KB with NTA, 2 KB with T1 —
// within the run-to-run spread; 4 KB pages 4.05–5.67 ms, where a prefetch 1–2 KB ahead
// was slower (5.3–5.7 against 4.2–4.4 ms) and 4–8 KB ahead the same.
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define N 10000000L

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

// A max fold with four 512-bit accumulators; DIST bytes ahead, HINT (0: no prefetch).
#define FOLD(NAME, DIST, HINT) \
    __attribute__((target("avx512f"), noinline)) static double NAME(const double *p, long n) { \
        __m512d a0 = _mm512_set1_pd(-1e300), a1 = a0, a2 = a0, a3 = a0; \
        for (long i = 0; i < n; i += 32) { \
            if (DIST) { \
                for (int k = 0; k < 256; k += 64) _mm_prefetch((const char *)(p + i) + DIST + k, HINT); \
            } \
            a0 = _mm512_max_pd(a0, _mm512_load_pd(p + i)); \
            a1 = _mm512_max_pd(a1, _mm512_load_pd(p + i + 8)); \
            a2 = _mm512_max_pd(a2, _mm512_load_pd(p + i + 16)); \
            a3 = _mm512_max_pd(a3, _mm512_load_pd(p + i + 24)); \
        } \
        return _mm512_reduce_max_pd(_mm512_max_pd(_mm512_max_pd(a0, a1), _mm512_max_pd(a2, a3))); \
    }
FOLD(none, 0, _MM_HINT_T0)
FOLD(t0_1k, 1024, _MM_HINT_T0)
FOLD(t0_2k, 2048, _MM_HINT_T0)
FOLD(t0_4k, 4096, _MM_HINT_T0)
FOLD(t0_8k, 8192, _MM_HINT_T0)
FOLD(nta_1k, 1024, _MM_HINT_NTA)
FOLD(nta_2k, 2048, _MM_HINT_NTA)
FOLD(nta_4k, 4096, _MM_HINT_NTA)
FOLD(t1_2k, 2048, _MM_HINT_T1)

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    int huge = argc > 1 ? atoi(argv[1]) : 1;
    const size_t page = 2u << 20;
    char *raw = mmap(0, N * 8 + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return 1;
    double *p = (double *)(((uintptr_t)raw + page - 1) & ~(uintptr_t)(page - 1));
    madvise(p, N * 8, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    for (long i = 0; i < N; i++) p[i] = (double)(i % 1000);
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f)) if (strstr(line, "AnonHugePages")) fputs(line, stdout);
    if (f) fclose(f);
    const char *names[] = {"none", "T0 1 KB", "T0 2 KB", "T0 4 KB", "T0 8 KB", "NTA 1 KB", "NTA 2 KB", "NTA 4 KB", "T1 2 KB"};
    double (*folds[])(const double *, long) = {none, t0_1k, t0_2k, t0_4k, t0_8k, nta_1k, nta_2k, nta_4k, t1_2k};
    for (int repeat = 0; repeat < 2; repeat++) {
        for (int k = 0; k < 9; k++) {
            double t[21], sink = 0;
            for (int s = 0; s < 21; s++) {
                double t0 = now();
                sink += folds[k](p, N);
                t[s] = now() - t0;
            }
            qsort(t, 21, sizeof t[0], by_value);
            printf("%-9s %.3f ms  %.1f GB/s  (%g)\n", names[k], t[10] * 1e3, N * 8 / t[10] / 1e9, sink);
        }
        puts("");
    }
    return 0;
}
