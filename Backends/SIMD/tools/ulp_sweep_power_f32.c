// Measures the maximum error in ULP of the SIMD backend's float32 `power` loops (AVX2,
// AVX-512, SSE2) against long double powl (64-bit significand, error below 2^-62
// relative: the measured float32 error is exact to about 2^-38 ULP, which decides even
// the hard cases where pow in double would misjudge the rounding). Built and run by
// ci/ulp-sweep.sh; not part of any target.
//
//   ulp_sweep_power_f32 COUNT SEED
//
// COUNT (x, y) pairs of floats, an eighth of each kind, in runs of 32 pairs of one kind
// (so that the vector kernels see whole vectors of ordinary pairs; a vector holding a
// special pair is computed by the per-element kernel):
//   0 any bit patterns;
//   1 x = 2^u, u uniform in [-126, 128], y so that y log2 x is uniform over the whole
//     range of finite nonzero results [-152, 130];
//   2 x within 2^-9 of 1, |y| up to 10^6;
//   3 x within 64 float ULPs of 1, |y| = 2^(10..40);
//   4 y within 8 float ULPs of an integer in [-300, 300] (or exactly one), x = 2^u, u
//     uniform in [-8, 8];
//   5 results near the overflow and underflow edges: y log2 x within 2 of 128, -126 or
//     -149;
//   6 negative x with integer y in [-200, 200];
//   7 y in {±0.5, ±1, ±2, ±3, ±1/3 as a float}, x any positive finite bit pattern;
// plus every pair of a list of special values (zeros, infinities, NaN, ±1, integers,
// the range edges) with either sign. Prints, per level: power float32 ISA inputs max_ulp
// (worst_x,worst_y) nan_mismatches; then the number of pairs where AVX2 and AVX-512
// differ (not bit for bit, not both NaN), and where AVX2 and SSE2 do.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep_common.h"

typedef void (*loop_fn)(void *const *args, intptr_t count, const intptr_t *steps, void *data);
void tessera_simd_power_f32_avx2(void *const *, intptr_t, const intptr_t *, void *);
void tessera_simd_power_f32_avx512(void *const *, intptr_t, const intptr_t *, void *);
void tessera_simd_power_f32_sse2(void *const *, intptr_t, const intptr_t *, void *);

static double ulp_error32(float y, long double ref) {
    if (isnan(ref)) return isnan(y) ? 0 : -1;
    if (isnan(y)) return -1;
    long double a = fabsl(ref);
    if (isinf(y) && a > 0x1.fffffep127L) return (signbit(y) == signbit(ref)) ? 0 : INFINITY;
    long double yv = isinf(y) ? copysignl(0x1p128L, y) : y;
    int e = a == 0 ? -200 : ilogbl(a);
    if (e < -126) e = -126;
    return (double)(fabsl(yv - ref) / ldexpl(1.0L, e - 23));
}

static float from_bits(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static uint32_t bits_of(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static int same(float a, float b) { return bits_of(a) == bits_of(b) || (a != a && b != b); }

int main(int argc, char **argv) {
    long count = argc > 1 ? atol(argv[1]) : 100000000;
    state = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
    enum { N = 1 << 16 };
    static float x[N], y[N], out[3][N];
    static const loop_fn loops[3] = {tessera_simd_power_f32_avx2, tessera_simd_power_f32_avx512, tessera_simd_power_f32_sse2};
    static const char *const names[3] = {"avx2", "avx512", "sse2"};
    const double specials[] = {NAN, INFINITY, 0, 1, 2, 3, 0.5, 1.5, 10, 0.1, 0x1p-149, 0x1p-126, 0x1.fffffep127,
                               0x1p24, 0x1p24 + 2, 0x1p23 + 1, 127.99, 128, 149, 149.5, 150.1, 0x1.000002p0,
                               0x1.fffffep-1, 0x1p-127, 1.0 / 3};
    const int ns = (int)(sizeof specials / sizeof specials[0]);
    const float small_y[] = {0.5f, 1, 2, 3, 1.0f / 3};
    double worst[3] = {0, 0, 0};
    float wx[3] = {0}, wy[3] = {0};
    long nan_mismatch[3] = {0}, done = 0, differ = 0, differ_sse2 = 0;
    for (long round = 0; done < count + 4 * ns * ns; round++) {
        int m = 0;
        if (round == 0) {
            for (int i = 0; i < 2 * ns; i++)
                for (int j = 0; j < 2 * ns; j++, m++) {
                    x[m] = (float)((i & 1) ? -specials[i / 2] : specials[i / 2]);
                    y[m] = (float)((j & 1) ? -specials[j / 2] : specials[j / 2]);
                }
        }
        for (; m < N; m++) {
            uint64_t r = next();
            double sign = (r >> 63) ? -1 : 1;
            double xv, yv, w;
            switch ((m >> 5) & 7) {
            case 0:
                x[m] = from_bits((uint32_t)r);
                y[m] = from_bits((uint32_t)(r >> 32));
                continue;
            case 1:
                xv = ldexp(1 + uniform(), (int)(next() % 254) - 126);
                w = -152 + 282 * uniform();
                yv = w / log2((float)xv);
                break;
            case 2:
                xv = 1 + (uniform() - 0.5) * 0x1p-8;
                yv = (uniform() - 0.5) * 2e6;
                break;
            case 3:
                xv = from_bits(bits_of(1.0f) + (uint32_t)(next() % 129) - 64);
                yv = sign * ldexp(1 + uniform(), 10 + (int)(next() % 31));
                break;
            case 4:
                xv = exp2(16 * uniform() - 8);
                yv = (double)((int)(next() % 601) - 300);
                x[m] = (float)xv;
                y[m] = from_bits(bits_of((float)yv) + (uint32_t)(next() % 17) - 8);
                if (yv == 0) y[m] = from_bits((uint32_t)(next() % 17));
                continue;
            case 5: {
                const double edges[3] = {128, -126, -149};
                xv = exp2(40 * uniform() - 20);
                if (fabs(log2((float)xv)) < 1e-3) xv = 3;
                w = edges[next() % 3] + 4 * (uniform() - 0.5);
                yv = w / log2((float)xv);
                break;
            }
            case 6:
                xv = -8 * uniform();
                yv = (double)((int)(r % 401) - 200);
                break;
            default:
                x[m] = from_bits((uint32_t)(r % 0x7f800000u));
                y[m] = (r >> 40) & 1 ? -small_y[(r >> 41) % 5] : small_y[(r >> 41) % 5];
                continue;
            }
            x[m] = (float)xv;
            y[m] = (float)yv;
        }
        intptr_t steps[3] = {4, 4, 4};
        for (int l = 0; l < 3; l++) {
            void *args[3] = {x, y, out[l]};
            loops[l](args, N, steps, NULL);
        }
        for (int i = 0; i < N; i++) {
            long double ref = powl((long double)x[i], (long double)y[i]);
            for (int l = 0; l < 3; l++) {
                double e = ulp_error32(out[l][i], ref);
                if (e < 0) { nan_mismatch[l]++; continue; }
                if (e > worst[l]) { worst[l] = e; wx[l] = x[i]; wy[l] = y[i]; }
            }
            differ += !same(out[0][i], out[1][i]);
            differ_sse2 += !same(out[0][i], out[2][i]);
        }
        done += N;
    }
    for (int l = 0; l < 3; l++)
        printf("power float32 %s %ld %.4f (%a,%a) %ld\n", names[l], done, worst[l], wx[l], wy[l], nan_mismatch[l]);
    printf("# avx2 and avx512 differ at %ld pairs\n", differ);
    printf("# avx2 and sse2 differ at %ld pairs\n", differ_sse2);
    return 0;
}
