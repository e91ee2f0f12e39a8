// Measures the maximum error in ULP of the SIMD backend's elementary loops against a
// reference that is correctly rounded for the purpose (see below). Built and run by
// ci/ulp-sweep.sh; not part of any target.
//
//   ulp_sweep FUNCTION float32 ISA             all 2^32 float32 inputs
//   ulp_sweep FUNCTION float32 ISA FIRST END   the bit patterns FIRST <= b < END only
//                                              (multiples of 2^16; 0x prefix allowed),
//                                              to run slices of the sweep in parallel:
//                                              the maximum over the slices is the sweep's
//   ulp_sweep FUNCTION float64 ISA COUNT SEED  COUNT float64 inputs spread over the
//                                              domain (uniform bit patterns, plus
//                                              uniform values in the common range)
//   ulp_sweep FUNCTION float64 ISA COUNT SEED LO HI
//                                              COUNT inputs uniform in [LO, HI], all of
//                                              them (so whole blocks take a block-checked
//                                              loop's lean kernel): for a dense look at a
//                                              region the draw above leaves sparse, such
//                                              as subnormal results
//   ulp_sweep arctan2 float32|float64 ISA COUNT SEED
//                                              COUNT (y, x) pairs: a quarter any bit
//                                              patterns, a quarter uniform in [-2, 2]^2, a
//                                              quarter with y/x = ±2^(-60..60) over all
//                                              magnitudes, a quarter with y/x near the
//                                              region splits tan(pi/8), 1, tan(3pi/8);
//                                              plus every pair of a list of special values
//   ulp_sweep power float32|float64 ISA COUNT SEED
//                                              COUNT (x, y) pairs in runs of 1024 of one
//                                              kind (so whole vectors and whole 512-element
//                                              blocks take the loops' lean paths, which a
//                                              special pair in a vector or block turns
//                                              off): any bit patterns; y log2 x spread over
//                                              the whole finite range; x near 1 with large
//                                              y; negative x with integer y; and three
//                                              kinds whose results all stay normal (y log2
//                                              x within ±1020; x near 1 with |y| < 2^16;
//                                              results within 2^±8 of 1): plus every pair
//                                              of a list of special values
//
// float32 reference: the C library's double function (error below 1 double ULP, that
// is below 2^-28 float32 ULP), so the measured float32 error is exact to ~1e-8 ULP.
// float64 reference: the C library's long double function (64-bit significand).
// arctan2 float32 reference: atan2 in double; float64: atan2l.
// power float32 reference: pow in double (error below 1 double ULP); power float64:
// powl.
// ISA is avx2, avx512 or sse2; for float32 also sse2-vs-avx2: all 2^32 inputs through
// the SSE2 and the AVX2 loop, the reference evaluated only where the two differ (not
// bit for bit, not both NaN): the line gives the maximum over those inputs and their
// count; on the others the SSE2 loop's error is the AVX2 loop's, bounded by its own
// exhaustive figure. (The reference dominates the time; the loops differ on few inputs.) Prints one line: function dtype isa inputs max_ulp worst_input
// nan_mismatches.
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
DECLARE(exp_f32) DECLARE(exp_f64) DECLARE(log_f32) DECLARE(log_f64)
DECLARE(sin_f32) DECLARE(sin_f64) DECLARE(cos_f32) DECLARE(cos_f64)
DECLARE(tanh_f32) DECLARE(arctan_f32)
DECLARE(tanh_f64) DECLARE(arctan_f64) DECLARE(power_f32) DECLARE(power_f64)
DECLARE(tan_f32) DECLARE(tan_f64) DECLARE(arctan2_f32) DECLARE(arctan2_f64)

struct entry {
    const char *name;
    loop_fn f32[3], f64[3]; // avx2, avx512, sse2
    double (*ref32)(double);
    long double (*ref64)(long double);
};
#define ENTRY(n, d, ld) {#n, {tessera_simd_##n##_f32_avx2, tessera_simd_##n##_f32_avx512, tessera_simd_##n##_f32_sse2}, \
                         {tessera_simd_##n##_f64_avx2, tessera_simd_##n##_f64_avx512, tessera_simd_##n##_f64_sse2}, d, ld}
static const struct entry table[] = {
    ENTRY(exp, exp, expl), ENTRY(log, log, logl), ENTRY(sin, sin, sinl), ENTRY(cos, cos, cosl),
    ENTRY(tanh, tanh, tanhl), ENTRY(arctan, atan, atanl), ENTRY(tan, tan, tanl),
};

static double ulp_error32(float y, double ref) {
    if (isnan(ref)) return isnan(y) ? 0 : -1;
    if (isnan(y)) return -1;
    double a = fabs(ref);
    if (isinf(y) && a > 0x1.fffffep127) return (signbit(y) == signbit(ref)) ? 0 : INFINITY;
    double yv = isinf(y) ? copysign(0x1p128, y) : y;
    int e = a == 0 ? -200 : ilogb(a);
    if (e < -126) e = -126;
    return fabs(yv - ref) / ldexp(1.0, e - 23);
}

// The power sweep (see the top of the file).
static int power_sweep(int float32, int isa, long count) {
    enum { N = 1 << 16 };
    static double x[N], y[N], out[N];
    static float xf[N], yf[N], outf[N];
    const double specials[] = {NAN, INFINITY, 0, 1, 2, 3, 0.5, 1.5, 10, 0.1, 0x1p-1074, 0x1p-149, 0x1p-126,
                               0x1p-1022, 0x1.fffffep127, 0x1.fffffffffffffp1023, 0x1p24, 0x1p24 + 2, 0x1p53,
                               0x1p53 + 2, 127.99, 128, 1023.99, 1024, 149, 149.5, 1074.5, 1075.1};
    const int ns = (int)(sizeof specials / sizeof specials[0]);
    double worst = 0, wx = 0, wy = 0;
    long nan_mismatch = 0, done = 0;
    loop_fn f = float32 ? (isa == 1 ? tessera_simd_power_f32_avx512 : isa == 2 ? tessera_simd_power_f32_sse2 : tessera_simd_power_f32_avx2)
                        : (isa == 1 ? tessera_simd_power_f64_avx512 : isa == 2 ? tessera_simd_power_f64_sse2 : tessera_simd_power_f64_avx2);
    double wmax = float32 ? 130 : 1026, wmin = float32 ? -152 : -1078;
    for (long round = 0; done < count + 4 * ns * ns; round++) {
        int m = 0;
        if (round == 0) {
            for (int i = 0; i < 2 * ns; i++)
                for (int j = 0; j < 2 * ns; j++, m++) {
                    x[m] = (i & 1) ? -specials[i / 2] : specials[i / 2];
                    y[m] = (j & 1) ? -specials[j / 2] : specials[j / 2];
                }
        }
        for (; m < N; m++) {
            uint64_t r = next();
            switch ((m >> 10) % 7) {
            case 0:
                if (float32) { uint32_t a = (uint32_t)r, b = (uint32_t)(r >> 32); memcpy(&xf[m], &a, 4); memcpy(&yf[m], &b, 4); x[m] = xf[m]; y[m] = yf[m]; }
                else { memcpy(&x[m], &r, 8); uint64_t b = next(); memcpy(&y[m], &b, 8); }
                break;
            case 1: x[m] = 64 * uniform(); y[m] = (wmin + (wmax - wmin) * uniform()) / log2(x[m]); break;
            case 2: x[m] = 1 + (uniform() - 0.5) * 0x1p-9; y[m] = (uniform() - 0.5) * 2e6; break;
            case 3: x[m] = -8 * uniform(); y[m] = (double)((int)(r % 401) - 200); break;
            case 4: x[m] = ldexp(1 + uniform(), (int)(r % 2000) - 1000); y[m] = (uniform() - 0.5) * 2040 / log2(x[m]); break;
            case 5: x[m] = 1 + (uniform() - 0.5) * 0x1p-9; y[m] = (uniform() - 0.5) * 0x1p17; break;
            default: x[m] = ldexp(1 + uniform(), (int)(r % 64) - 32); y[m] = (uniform() - 0.5) * 16 / log2(x[m]); break;
            }
        }
        if (float32) {
            for (int i = 0; i < N; i++) { xf[i] = (float)x[i]; yf[i] = (float)y[i]; }
            intptr_t steps[3] = {4, 4, 4};
            void *args[3] = {xf, yf, outf};
            f(args, N, steps, NULL);
            for (int i = 0; i < N; i++) {
                double e = ulp_error32(outf[i], pow((double)xf[i], (double)yf[i]));
                if (e < 0) { nan_mismatch++; continue; }
                if (e > worst) { worst = e; wx = xf[i]; wy = yf[i]; }
            }
        } else {
            intptr_t steps[3] = {8, 8, 8};
            void *args[3] = {x, y, out};
            f(args, N, steps, NULL);
            for (int i = 0; i < N; i++) {
                double e = ulp_error64(out[i], powl(x[i], y[i]));
                if (e < 0) { nan_mismatch++; continue; }
                if (e > worst) { worst = e; wx = x[i]; wy = y[i]; }
            }
        }
        done += N;
    }
    printf("power %s %s %ld %.4f (%a,%a) %ld\n", float32 ? "float32" : "float64", te_isa_names[isa], done, worst, wx, wy, nan_mismatch);
    return 0;
}

// The arctan2 sweep (see the top of the file).
static int arctan2_sweep(int float32, int isa, long count) {
    enum { N = 1 << 16 };
    static double y[N], x[N], out[N];
    static float yf[N], xf[N], outf[N];
    const double specials[] = {NAN, INFINITY, 0, 1, 2, 0.5, 0x1p-1074, 0x1p-149, 0x1p-126, 0x1p-1022,
                               0x1.fffffep127, 0x1.fffffffffffffp1023, 0x1p-60, 0x1p60, 0.41421356237309503,
                               2.414213562373095, 1e-300, 1e300};
    const int ns = (int)(sizeof specials / sizeof specials[0]);
    const double splits[] = {0.41421356237309503, 1, 2.414213562373095};
    double worst = 0, wy = 0, wx = 0;
    long nan_mismatch = 0, done = 0;
    loop_fn f = float32 ? (isa == 1 ? tessera_simd_arctan2_f32_avx512 : isa == 2 ? tessera_simd_arctan2_f32_sse2 : tessera_simd_arctan2_f32_avx2)
                        : (isa == 1 ? tessera_simd_arctan2_f64_avx512 : isa == 2 ? tessera_simd_arctan2_f64_sse2 : tessera_simd_arctan2_f64_avx2);
    for (long round = 0; done < count + 4 * ns * ns; round++) {
        int m = 0;
        if (round == 0) {
            for (int i = 0; i < 2 * ns; i++)
                for (int j = 0; j < 2 * ns; j++, m++) {
                    y[m] = (i & 1) ? -specials[i / 2] : specials[i / 2];
                    x[m] = (j & 1) ? -specials[j / 2] : specials[j / 2];
                }
        }
        for (; m < N; m++) {
            uint64_t r = next();
            double sy = (r & 1) ? -1 : 1, sx = (r & 2) ? -1 : 1;
            switch ((m >> 10) % 7) {
            case 0:
                if (float32) { uint32_t a = (uint32_t)r, b = (uint32_t)(r >> 32); memcpy(&yf[m], &a, 4); memcpy(&xf[m], &b, 4); y[m] = yf[m]; x[m] = xf[m]; }
                else { memcpy(&y[m], &r, 8); uint64_t b = next(); memcpy(&x[m], &b, 8); }
                break;
            case 1: y[m] = 4 * uniform() - 2; x[m] = 4 * uniform() - 2; break;
            case 2:
                x[m] = sx * ldexp(1 + uniform(), (int)(next() % (float32 ? 250 : 2040)) - (float32 ? 125 : 1020));
                y[m] = sy * fabs(x[m]) * ldexp(1 + uniform(), (int)(next() % 121) - 60);
                break;
            default:
                x[m] = sx * ldexp(1 + uniform(), (int)(next() % 41) - 20);
                y[m] = sy * fabs(x[m]) * splits[next() % 3] * (1 + (uniform() - 0.5) * 1e-6);
                break;
            }
        }
        if (float32) {
            for (int i = 0; i < N; i++) { yf[i] = (float)y[i]; xf[i] = (float)x[i]; }
            intptr_t steps[3] = {4, 4, 4};
            void *args[3] = {yf, xf, outf};
            f(args, N, steps, NULL);
            for (int i = 0; i < N; i++) {
                double e = ulp_error32(outf[i], atan2((double)yf[i], (double)xf[i]));
                if (e < 0) { nan_mismatch++; continue; }
                if (e > worst) { worst = e; wy = yf[i]; wx = xf[i]; }
            }
        } else {
            intptr_t steps[3] = {8, 8, 8};
            void *args[3] = {y, x, out};
            f(args, N, steps, NULL);
            for (int i = 0; i < N; i++) {
                double e = ulp_error64(out[i], atan2l(y[i], x[i]));
                if (e < 0) { nan_mismatch++; continue; }
                if (e > worst) { worst = e; wy = y[i]; wx = x[i]; }
            }
        }
        done += N;
    }
    printf("arctan2 %s %s %ld %.4f (%a,%a) %ld\n", float32 ? "float32" : "float64", te_isa_names[isa], done, worst, wy, wx, nan_mismatch);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 4 && !strcmp(argv[1], "power")) {
        state = argc > 5 ? strtoull(argv[5], NULL, 10) : 1;
        return power_sweep(!strcmp(argv[2], "float32"), te_isa_index(argv[3]), argc > 4 ? atol(argv[4]) : 10000000);
    }
    if (argc >= 4 && !strcmp(argv[1], "arctan2")) {
        state = argc > 5 ? strtoull(argv[5], NULL, 10) : 1;
        return arctan2_sweep(!strcmp(argv[2], "float32"), te_isa_index(argv[3]), argc > 4 ? atol(argv[4]) : 10000000);
    }
    if (argc < 4) { fprintf(stderr, "usage: ulp_sweep FUNCTION float32|float64 avx2|avx512|sse2|sse2-vs-avx2 [COUNT SEED [LO HI]]\n"); return 2; }
    const struct entry *fn = NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) if (!strcmp(table[i].name, argv[1])) fn = &table[i];
    if (!fn) { fprintf(stderr, "unknown function %s\n", argv[1]); return 2; }
    int isa = te_isa_index(argv[3]);
    if (!strcmp(argv[2], "float32") && !fn->f32[isa]) {
        fprintf(stderr, "%s has no float32 %s loop\n", fn->name, te_isa_names[isa]);
        return 2;
    }
    int versus = !strcmp(argv[3], "sse2-vs-avx2");
    enum { N = 1 << 16 };
    double worst = 0;
    long nan_mismatch = 0;
    if (!strcmp(argv[2], "float32")) {
        static float in[N], out[N], wide[N];
        uint32_t worst_bits = 0;
        long differing = 0;
        intptr_t steps[2] = {4, 4};
        uint64_t first = argc > 5 ? strtoull(argv[4], NULL, 0) : 0, end = argc > 5 ? strtoull(argv[5], NULL, 0) : 1ULL << 32;
        if (first % N || end % N || end > (1ULL << 32) || first >= end) { fprintf(stderr, "FIRST and END: multiples of 2^16, FIRST < END <= 2^32\n"); return 2; }
        for (uint64_t base = first; base < end; base += N) {
            for (int i = 0; i < N; i++) { uint32_t b = (uint32_t)(base + i); memcpy(&in[i], &b, 4); }
            void *args[2] = {in, out};
            fn->f32[isa](args, N, steps, NULL);
            if (versus) {
                void *wide_args[2] = {in, wide};
                fn->f32[0](wide_args, N, steps, NULL);
            }
            for (int i = 0; i < N; i++) {
                if (versus && (te_same32(out[i], wide[i]))) continue;
                differing++;
                double e = ulp_error32(out[i], fn->ref32(in[i]));
                if (e < 0) { nan_mismatch++; continue; }
                if (e > worst) { worst = e; memcpy(&worst_bits, &in[i], 4); }
            }
        }
        float w; memcpy(&w, &worst_bits, 4);
        unsigned long long inputs = (unsigned long long)(end - first);
        if (versus) printf("%s float32 sse2-vs-avx2 %llu %.4f %a %ld differing=%ld\n", fn->name, inputs, worst, w, nan_mismatch, differing);
        else printf("%s float32 %s %llu %.4f %a %ld\n", fn->name, argv[3], inputs, worst, w, nan_mismatch);
        if (argc > 5) printf("# bits [%#llx, %#llx)\n", (unsigned long long)first, (unsigned long long)end);
    } else {
        if (!fn->f64[isa]) { fprintf(stderr, "%s has no float64 loop\n", fn->name); return 2; }
        long count = argc > 4 ? atol(argv[4]) : 10000000;
        state = argc > 5 ? strtoull(argv[5], NULL, 10) : 1;
        double range_lo = 0, range_hi = 0;
        if (argc > 7) { range_lo = atof(argv[6]); range_hi = atof(argv[7]); }
        static double in[N], out[N];
        double worst_x = 0;
        intptr_t steps[2] = {8, 8};
        for (long done = 0; done < count; done += N) {
            for (int i = 0; i < N; i++) {
                uint64_t r = next();
                if (range_hi > range_lo) {
                    in[i] = range_lo + (range_hi - range_lo) * ((double)(r >> 11) * 0x1p-53);
                } else if (i & 1) {
                    // any bit pattern (every exponent equally likely)
                    memcpy(&in[i], &r, 8);
                } else {
                    // the common range: |x| up to 2^(0..10), uniform within
                    double u = (double)(r >> 11) * 0x1p-53;
                    in[i] = ldexp(u, (int)(next() % 11)) * ((r & 1) ? -1 : 1);
                    if (fn->ref64 == logl) in[i] = fabs(in[i]);
                }
            }
            void *args[2] = {in, out};
            fn->f64[isa](args, N, steps, NULL);
            for (int i = 0; i < N; i++) {
                double e = ulp_error64(out[i], fn->ref64(in[i]));
                if (e < 0) { nan_mismatch++; continue; }
                if (e > worst) { worst = e; worst_x = in[i]; }
            }
        }
        printf("%s float64 %s %ld %.4f %a %ld\n", fn->name, argv[3], count, worst, worst_x, nan_mismatch);
    }
    return 0;
}
