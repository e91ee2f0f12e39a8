// Where the time of an elementary loop on a `[::2]` operand goes: each SIMD elementary
// loop (the shim's own entry points, called directly) on a contiguous input and on every
// second element of an input twice as long, into a contiguous output, at 10^6 elements
// (inputs of 4-16 MB: memory) and at 16384 (in cache: the cost of the loads and
// shuffles alone); and, as the floor set by memory, a plain copy reading the same bytes
// (out[i] = in[i], out[i] = in[2 i]).
//
// As in the harness: arrays on 2 MiB-aligned transparent huge pages, each layout timed
// in its own run of calls on the same arrays (warm), the calling thread's CPU time,
// the median of the calls.
//
//   bash Benchmarks/stream/strided2.sh [avx512|avx2] [function names...]
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

typedef void (*loop_fn)(void *const *, intptr_t, const intptr_t *, void *);
#define DECLARE(name)                                                                  \
    void tessera_simd_##name##_avx2(void *const *, intptr_t, const intptr_t *, void *); \
    void tessera_simd_##name##_avx512(void *const *, intptr_t, const intptr_t *, void *);
DECLARE(exp_f32) DECLARE(exp_f64) DECLARE(log_f32) DECLARE(log_f64) DECLARE(sin_f32) DECLARE(sin_f64)
DECLARE(cos_f32) DECLARE(cos_f64) DECLARE(tanh_f32) DECLARE(tanh_f64) DECLARE(arctan_f32)
DECLARE(arctan_f64) DECLARE(power_f32) DECLARE(power_f64)

#define WIDE __attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma")))
#define LOOP _Pragma("clang loop vectorize(assume_safety)")
static WIDE void copy_f32(void *const *args, intptr_t n, const intptr_t *steps, void *data) {
    const float *in = args[0];
    float *out = args[1];
    (void)data;
    if (steps[0] == 4) { LOOP for (intptr_t i = 0; i < n; i++) out[i] = in[i]; }
    else { LOOP for (intptr_t i = 0; i < n; i++) out[i] = in[2 * i]; }
}
static WIDE void copy_f64(void *const *args, intptr_t n, const intptr_t *steps, void *data) {
    const double *in = args[0];
    double *out = args[1];
    (void)data;
    if (steps[0] == 8) { LOOP for (intptr_t i = 0; i < n; i++) out[i] = in[i]; }
    else { LOOP for (intptr_t i = 0; i < n; i++) out[i] = in[2 * i]; }
}

typedef struct {
    const char *name;
    loop_fn f32[2], f64[2]; // [avx2, avx512]
    double low, high;       // the harness's input domain (Benchmarks/bench/Workload.swift)
    int signed_, binary;
} kernel;
#define K(n, lo, hi, sg, b) {#n, {tessera_simd_##n##_f32_avx2, tessera_simd_##n##_f32_avx512}, {tessera_simd_##n##_f64_avx2, tessera_simd_##n##_f64_avx512}, lo, hi, sg, b}
static const kernel kernels[] = {
    {"copy", {copy_f32, copy_f32}, {copy_f64, copy_f64}, 0.5, 1, 0, 0},
    K(exp, 0.01, 20, 1, 0), K(log, 0.01, 100, 0, 0), K(sin, 0.01, 10, 1, 0), K(cos, 0.01, 10, 1, 0),
    K(tanh, 0.01, 5, 1, 0), K(arctan, 0.01, 50, 1, 0), K(power, 0.1, 10, 0, 1),
};

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void *huge_pages(size_t bytes) {
    size_t page = 2u << 20, length = ((bytes + page - 1) & ~(page - 1)) + page;
    char *p = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); exit(1); }
    char *aligned = (char *)(((uintptr_t)p + page - 1) & ~(uintptr_t)(page - 1));
    madvise(aligned, length - page, MADV_HUGEPAGE);
    return aligned;
}

static uint64_t state = 0x2545f4914f6cdd1dULL;
static double uniform(void) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (double)((z ^ (z >> 31)) >> 11) * 0x1p-53;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/// Median seconds of `calls` calls of `f` on n elements, the inputs at `stride` elements.
static double median_call(loop_fn f, int binary, char *in, char *in2, char *out, size_t n, size_t size, int stride, int calls) {
    double *t = malloc(sizeof(double) * (size_t)calls);
    intptr_t s = (intptr_t)(stride * size);
    void *args[3] = {in, binary ? (void *)in2 : (void *)out, out};
    intptr_t steps[3] = {s, binary ? s : (intptr_t)size, (intptr_t)size};
    for (int r = -3; r < calls; r++) { // three warm-up calls
        double start = cpu_seconds();
        f(args, (intptr_t)n, steps, NULL);
        if (r >= 0) t[r] = cpu_seconds() - start;
    }
    qsort(t, (size_t)calls, sizeof(double), by_value);
    double m = t[calls / 2];
    free(t);
    return m;
}

int main(int argc, char **argv) {
    int isa = argc > 1 && strcmp(argv[1], "avx2") == 0 ? 0 : 1;
    printf("elementary loops at %s, one thread, thread CPU time, median of the calls\n", isa ? "AVX-512" : "AVX2");
    printf("%-7s %-4s %8s | %10s %10s %6s | %10s %10s %6s\n", "", "", "", "10^6 cont", "strided2", "ratio", "16384 cont", "strided2", "ratio");
    for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
        const kernel *kn = &kernels[k];
        int wanted = argc <= 2 || k == 0; // the copy, the floor, always
        for (int a = 2; a < argc; a++) wanted |= strcmp(argv[a], kn->name) == 0;
        if (!wanted) continue;
        for (int wide = 0; wide < 2; wide++) {
            size_t size = wide ? 8 : 4;
            loop_fn f = wide ? kn->f64[isa] : kn->f32[isa];
            double us[2][2];
            size_t sizes[2] = {1000000, 16384};
            for (int which = 0; which < 2; which++) {
                size_t n = sizes[which];
                int calls = which ? 2001 : 101;
                for (int stride = 1; stride <= 2; stride++) {
                    size_t m = (size_t)stride * n;
                    char *in = huge_pages(m * size), *in2 = huge_pages(m * size), *out = huge_pages(n * size);
                    for (size_t i = 0; i < m; i++) {
                        double v = kn->low + (kn->high - kn->low) * uniform();
                        if (kn->signed_ && uniform() < 0.5) v = -v;
                        double w = 0.5 + 2.5 * uniform(); // power's exponent, as the harness's
                        if (wide) { ((double *)in)[i] = v; ((double *)in2)[i] = w; }
                        else { ((float *)in)[i] = (float)v; ((float *)in2)[i] = (float)w; }
                    }
                    memset(out, 0, n * size);
                    us[which][stride - 1] = 1e6 * median_call(f, kn->binary, in, in2, out, n, size, stride, calls);
                    size_t page = 2u << 20;
                    munmap(in, ((m * size + page - 1) & ~(page - 1)));
                    munmap(in2, ((m * size + page - 1) & ~(page - 1)));
                    munmap(out, ((n * size + page - 1) & ~(page - 1)));
                }
            }
            printf("%-7s %-4s %8s | %10.1f %10.1f %6.3f | %10.2f %10.2f %6.3f\n", kn->name, wide ? "f64" : "f32", "µs",
                   us[0][0], us[0][1], us[0][1] / us[0][0], us[1][0], us[1][1], us[1][1] / us[1][0]);
        }
    }
    return 0;
}
