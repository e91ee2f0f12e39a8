// What the ULP sweep tools share (ulp_sweep.c, ulp_sweep_extended.c, ulp_sweep_power_f32.c):
// their input generator and the float64 error measure. Each tool sets `state` (its seed).
#ifndef TESSERA_SWEEP_COMMON_H
#define TESSERA_SWEEP_COMMON_H
#include <math.h>
#include <stdint.h>

// |y - ref| in ULP of ref's binade (the smallest normal one's below it); -1 for a NaN on
// one side only; a float64 infinity counts as 2^1024, so an overflow next to DBL_MAX is
// measured rather than infinite.
static inline double ulp_error64(double y, long double ref) {
    if (isnan(ref)) return isnan(y) ? 0 : -1;
    if (isnan(y)) return -1;
    long double a = fabsl(ref);
    if (isinf(y) && a > 0x1.fffffffffffffp1023L) return (signbit(y) == signbit(ref)) ? 0 : INFINITY;
    long double yv = isinf(y) ? copysignl(0x1p1024L, y) : y;
    int e = a == 0 ? -2000 : ilogbl(a);
    if (e < -1022) e = -1022;
    return (double)(fabsl(yv - ref) / ldexpl(1.0L, e - 52));
}

// SplitMix64: the same sequence from the same seed on every machine.
static uint64_t state;
static inline uint64_t next(void) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// Uniform in [0, 1) with 53 random bits.
static inline double uniform(void) { return (double)(next() >> 11) * 0x1p-53; }
#endif
