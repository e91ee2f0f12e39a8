// Measures the maximum error in ULP of the SIMD backend's second set of elementary loops
// (expm1, log1p, arcsin, arccos, sinh, cbrt, hypot) and of the functions derived from exp
// and log (exp2, log2, log10, cosh, arcsinh, arccosh, arctanh) against a reference that is correctly
// rounded for the purpose. Built and run by ci/ulp-sweep-extended.sh; not part of any
// target. Like ulp_sweep.c, but the float64 inputs are drawn from each function's own
// domain and two-operand functions are covered.
//
//   ulp_sweep_extended FUNCTION float32 ISA             unary: all 2^32 float32 inputs;
//                                                      hypot: 2^32 pairs (below)
//   ulp_sweep_extended FUNCTION float64 ISA COUNT SEED [RUN [LO HI]]  COUNT float64 inputs
//                                                      (RUN: below; LO HI: the common range)
//
// Inputs that are not exhaustive: half any bit pattern (every exponent, NaN, inf,
// subnormals), half uniform in the function's common range (|x| up to 2^(0..10) scaled to
// the domain, or the domain itself when it is bounded). References: for float32, the C
// library's double function (within 1 double ULP, so the measured error is exact to
// ~1e-8 ULP); for float64, its long double function (64-bit significand). Prints: function
// dtype isa inputs max_ulp worst_input nan_mismatches.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep_common.h"

typedef void (*loop_fn)(void *const *args, intptr_t count, const intptr_t *steps, void *data);
static const char *const te_isa_names[3] = {"avx2", "avx512", "sse2"};
static int te_isa_index(const char *name) { return !strcmp(name, "avx512") ? 1 : !strncmp(name, "sse2", 4) ? 2 : 0; }
// Bit-identical results (or both NaN).
static int te_same32(float a, float b) { uint32_t x, y; memcpy(&x, &a, 4); memcpy(&y, &b, 4); return x == y || (a != a && b != b); }

#define DECLARE(name)                                                                   \
    void tessera_simd_##name##_avx2(void *const *, intptr_t, const intptr_t *, void *); \
    void tessera_simd_##name##_avx512(void *const *, intptr_t, const intptr_t *, void *); \
    void tessera_simd_##name##_sse2(void *const *, intptr_t, const intptr_t *, void *);
DECLARE(expm1_f32) DECLARE(expm1_f64) DECLARE(log1p_f32) DECLARE(log1p_f64)
DECLARE(arcsin_f32) DECLARE(arcsin_f64) DECLARE(sinh_f32) DECLARE(sinh_f64)
DECLARE(cbrt_f32) DECLARE(cbrt_f64) DECLARE(hypot_f32) DECLARE(hypot_f64)
DECLARE(arccos_f32) DECLARE(arccos_f64)
DECLARE(exp2_f32) DECLARE(exp2_f64) DECLARE(log2_f32) DECLARE(log2_f64) DECLARE(log10_f32) DECLARE(log10_f64)
DECLARE(cosh_f32) DECLARE(cosh_f64) DECLARE(arcsinh_f32) DECLARE(arcsinh_f64)
DECLARE(arccosh_f32) DECLARE(arccosh_f64) DECLARE(arctanh_f32) DECLARE(arctanh_f64)

// lo, hi: the common range of the float64 inputs (hi <= 0: |x| up to 2^(0..10)).
struct entry {
    const char *name;
    loop_fn f32[3], f64[3]; // avx2, avx512, sse2
    double (*ref32)(double);
    long double (*ref64)(long double);
    double (*ref32_2)(double, double);
    long double (*ref64_2)(long double, long double);
    double lo, hi;
};
#define UNARY(n, d, ld, lo, hi) {#n, {tessera_simd_##n##_f32_avx2, tessera_simd_##n##_f32_avx512, tessera_simd_##n##_f32_sse2}, \
                                 {tessera_simd_##n##_f64_avx2, tessera_simd_##n##_f64_avx512, tessera_simd_##n##_f64_sse2}, d, ld, NULL, NULL, lo, hi}
static const struct entry table[] = {
    UNARY(expm1, expm1, expm1l, -40, 710), UNARY(log1p, log1p, log1pl, -1, 0),
    UNARY(arcsin, asin, asinl, -1, 1), UNARY(arccos, acos, acosl, -1, 1), UNARY(sinh, sinh, sinhl, -711, 711),
    UNARY(cbrt, cbrt, cbrtl, 0, 0),
    // The functions derived from exp and log.
    UNARY(exp2, exp2, exp2l, -1080, 1025), UNARY(log2, log2, log2l, 0, 4), UNARY(log10, log10, log10l, 0, 4),
    UNARY(cosh, cosh, coshl, -711, 711), UNARY(arcsinh, asinh, asinhl, 0, 0),
    UNARY(arccosh, acosh, acoshl, 1, 3), UNARY(arctanh, atanh, atanhl, -1, 1),
    {"hypot", {tessera_simd_hypot_f32_avx2, tessera_simd_hypot_f32_avx512, tessera_simd_hypot_f32_sse2},
     {tessera_simd_hypot_f64_avx2, tessera_simd_hypot_f64_avx512, tessera_simd_hypot_f64_sse2}, NULL, NULL, hypot, hypotl, 0, 0},
};

static double ulp_error32(float y, double ref) {
    if (isnan(ref)) return isnan(y) ? 0 : -1;
    if (isnan(y)) return -1;
    double a = fabs(ref);
    if (isinf(y) && a > 0x1.fffffep127) return (signbit(y) == signbit(ref)) ? 0 : INFINITY;
    double yv = isinf(y) ? copysign(0x1p128, y) : y;
    // The float32 ULP at |ref|, 2^(e - 23) with e its exponent (at least -126), from the
    // bits (ilogb and ldexp cost twice the reference itself over 2^32 inputs).
    uint64_t bits;
    memcpy(&bits, &a, 8);
    int e = (int)(bits >> 52) - 1023;
    if (e < -126) e = -126;
    uint64_t ulp_bits = (uint64_t)(e - 23 + 1023) << 52;
    double ulp;
    memcpy(&ulp, &ulp_bits, 8);
    return fabs(yv - ref) / ulp;
}

// One input: any bit pattern for odd i / run, the common range for even i / run. With
// run = 1 (the default) every 512-element block holds special operands, so a loop that
// checks its blocks (TE_UNARY_CHECKED) computes every input with its full kernel; a run
// of 1024 (the optional sixth argument) sends the common range's blocks through the lean
// kernel. LO HI (the seventh and eighth arguments) replace the function's common range, to
// sweep densely where a wide domain leaves few inputs (sinh and expm1 below |x| = 1).
static int run = 1;
static double range_lo = 0, range_hi = 0;
static double input64(const struct entry *fn, int i) {
    uint64_t r = next();
    if ((i / run) & 1) { double x; memcpy(&x, &r, 8); return x; }
    double u = (double)(r >> 11) * 0x1p-53;
    if (range_hi > range_lo) return range_lo + (range_hi - range_lo) * u;
    if (fn->hi > fn->lo) return fn->lo + (fn->hi - fn->lo) * u;
    return ldexp(u, (int)(next() % 11)) * ((r & 1) ? -1 : 1);
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: ulp_sweep_extended FUNCTION float32|float64 avx2|avx512|sse2|sse2-vs-avx2 [COUNT SEED [RUN]]\n"); return 2; }
    const struct entry *fn = NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) if (!strcmp(table[i].name, argv[1])) fn = &table[i];
    if (!fn) { fprintf(stderr, "unknown function %s\n", argv[1]); return 2; }
    int isa = te_isa_index(argv[3]);
    int versus = !strcmp(argv[3], "sse2-vs-avx2"); // as in ulp_sweep.c
    long differing = 0;
    int binary = fn->ref32_2 != NULL;
    enum { N = 1 << 16 };
    double worst = 0;
    long nan_mismatch = 0;
    state = argc > 5 ? strtoull(argv[5], NULL, 10) : 1;
    run = argc > 6 ? atoi(argv[6]) : 1;
    if (argc > 8) { range_lo = atof(argv[7]); range_hi = atof(argv[8]); }
    if (!strcmp(argv[2], "float32")) {
        static float in[N], in2[N], out[N], wide[N];
        float worst_x = 0, worst_y = 0;
        intptr_t steps[3] = {4, 4, 4};
        for (uint64_t base = 0; base < (1ULL << 32); base += N) {
            for (int i = 0; i < N; i++) {
                uint32_t b = (uint32_t)(base + i);
                memcpy(&in[i], &b, 4);
                if (binary) {
                    // pairs: the first operand runs over every bit pattern, the second is
                    // any bit pattern or the first scaled by a random factor in [2^-13, 2^13)
                    uint64_t r = next();
                    if (r & 1) { uint32_t c = (uint32_t)(r >> 32); memcpy(&in2[i], &c, 4); }
                    else in2[i] = in[i] * ldexpf((float)((r >> 8) & 0xffffff) * 0x1p-24f + 0.5f, (int)((r >> 40) % 27) - 13);
                }
            }
            void *args[3] = {in, binary ? (void *)in2 : (void *)out, out};
            fn->f32[isa](args, N, steps, NULL);
            if (versus) {
                void *wide_args[3] = {in, binary ? (void *)in2 : (void *)wide, wide};
                fn->f32[0](wide_args, N, steps, NULL);
            }
            for (int i = 0; i < N; i++) {
                if (versus && te_same32(out[i], wide[i])) continue;
                differing++;
                double ref = binary ? fn->ref32_2(in[i], in2[i]) : fn->ref32(in[i]);
                double e = ulp_error32(out[i], ref);
                if (e < 0) { nan_mismatch++; continue; }
                if (e > worst) { worst = e; worst_x = in[i]; worst_y = binary ? in2[i] : 0; }
            }
        }
        const char *tail = versus ? " differing=" : "";
        if (binary) printf("%s float32 %s %llu %.4f %a,%a %ld%s", fn->name, argv[3], 1ULL << 32, worst, worst_x, worst_y, nan_mismatch, tail);
        else printf("%s float32 %s %llu %.4f %a %ld%s", fn->name, argv[3], 1ULL << 32, worst, worst_x, nan_mismatch, tail);
        if (versus) printf("%ld", differing);
        printf("\n");
    } else {
        long count = argc > 4 ? atol(argv[4]) : 10000000;
        static double in[N], in2[N], out[N];
        double worst_x = 0, worst_y = 0;
        intptr_t steps[3] = {8, 8, 8};
        for (long done = 0; done < count; done += N) {
            for (int i = 0; i < N; i++) {
                in[i] = input64(fn, i);
                if (binary) in2[i] = (next() & 3) ? in[i] * ldexp(0.5 + (double)(next() >> 11) * 0x1p-53, (int)(next() % 61) - 30) : input64(fn, i + 1);
            }
            void *args[3] = {in, binary ? (void *)in2 : (void *)out, out};
            fn->f64[isa](args, N, steps, NULL);
            for (int i = 0; i < N; i++) {
                long double ref = binary ? fn->ref64_2(in[i], in2[i]) : fn->ref64(in[i]);
                double e = ulp_error64(out[i], ref);
                if (e < 0) { nan_mismatch++; continue; }
                if (e > worst) { worst = e; worst_x = in[i]; worst_y = binary ? in2[i] : 0; }
            }
        }
        if (binary) printf("%s float64 %s %ld %.4f %a,%a %ld\n", fn->name, argv[3], count, worst, worst_x, worst_y, nan_mismatch);
        else printf("%s float64 %s %ld %.4f %a %ld\n", fn->name, argv[3], count, worst, worst_x, nan_mismatch);
    }
    return 0;
}
