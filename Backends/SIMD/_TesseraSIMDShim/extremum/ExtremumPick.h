// The elementwise choice of `maximum`, `minimum`, `fmax`, `fmin` on float32/float64,
// written so that it compiles to the CPU's max/min instructions plus two blends.
//
// `x > y ? x : y` is exactly what MAXPD/MAXPS compute (the second operand when the
// operands are equal or unordered), so compilers emit one instruction for it at every
// level. With both orders, m1 = (x > y ? x : y) and m2 = (y > x ? y : x):
// - x ≠ y, neither NaN: both are the larger value;
// - x == y: m1 = y and m2 = x, which are the same bits unless they are zeros of both
//   signs; then m1 AND m2 is +0.0 unless both are −0.0 (−0 < +0: the maximum is +0.0),
//   and m1 OR m2 (for the minimum) is −0.0 if either is;
// - a NaN: two blends put back the operand the rule picks (see Extremum.c's TS_SEL_*:
//   maximum/minimum the first NaN operand, fmax/fmin the other operand when one is NaN,
//   x when both are).
// The result is the scalar backend's choice bit for bit, NaN payloads included.
#ifndef TESSERA_SIMD_EXTREMUM_PICK_H
#define TESSERA_SIMD_EXTREMUM_PICK_H

#include <stdint.h>

static inline __attribute__((always_inline)) int64_t ts_bits_f64(double x) { int64_t b; __builtin_memcpy(&b, &x, 8); return b; }
static inline __attribute__((always_inline)) double ts_from_bits_f64(int64_t b) { double x; __builtin_memcpy(&x, &b, 8); return x; }
static inline __attribute__((always_inline)) int32_t ts_bits_f32(float x) { int32_t b; __builtin_memcpy(&b, &x, 4); return b; }
static inline __attribute__((always_inline)) float ts_from_bits_f32(int32_t b) { float x; __builtin_memcpy(&x, &b, 4); return x; }

/// The larger (smaller) of two non-NaN values under −0 < +0.
#define TS_PICK_LARGER(x, y, TAG) ts_from_bits_##TAG(ts_bits_##TAG((x) > (y) ? (x) : (y)) & ts_bits_##TAG((y) > (x) ? (y) : (x)))
#define TS_PICK_SMALLER(x, y, TAG) ts_from_bits_##TAG(ts_bits_##TAG((x) < (y) ? (x) : (y)) | ts_bits_##TAG((y) < (x) ? (y) : (x)))

// NaN rules: maximum/minimum take x if x is NaN, else y if y is NaN; fmax/fmin take x if
// y is NaN, else y if x is NaN.
#define TS_PICK_NAN_FIRST(x, y, r) ((x) != (x) ? (x) : ((y) != (y) ? (y) : (r)))
#define TS_PICK_NAN_OTHER(x, y, r) ((y) != (y) ? (x) : ((x) != (x) ? (y) : (r)))

#define TS_PICK_maximum(x, y, TAG) TS_PICK_NAN_FIRST(x, y, TS_PICK_LARGER(x, y, TAG))
#define TS_PICK_minimum(x, y, TAG) TS_PICK_NAN_FIRST(x, y, TS_PICK_SMALLER(x, y, TAG))
#define TS_PICK_fmax(x, y, TAG) TS_PICK_NAN_OTHER(x, y, TS_PICK_LARGER(x, y, TAG))
#define TS_PICK_fmin(x, y, TAG) TS_PICK_NAN_OTHER(x, y, TS_PICK_SMALLER(x, y, TAG))

/// The elementwise kernels of two contiguous inputs (ExtremumAVX2.h, ExtremumAVX512.h)
/// ask for the cache lines this many bytes ahead of each input they stream, in calls of
/// at most TS_EXTREMUM_PREFETCH_MAX_BYTES per operand: the in-place calls of an axis-0
/// reduction, one per row, whose output row stays in L1 between calls. In the harness on
/// the Zen 4 machine, `max` along axis 0 of a 2000 × 2000 float64 array (1999 in-place
/// calls of 2000, each a 16 000-byte row) took, thread CPU time, medians of one run
/// each, NumPy 1.66–1.92 ms in the same runs: AVX2 1.70–1.78 ms without prefetching,
/// 1.53/1.49 with 2 KB, 1.17–1.44 with 4 KB, 1.50/1.45 with 8 KB; AVX-512 1.47–1.52
/// without, 1.26–1.37 with 4 KB (the hardware prefetchers, which stop at 4 KB page
/// boundaries, apparently lose the stream at each short call). Long calls stream without
/// it: standalone (huge pages, thread CPU time, median of 15), `maximum` of two 10⁷
/// float64 arrays into a third took 7.1–7.5 ms (AVX2) without and 8.2–9.0 ms with the
/// 4 KB prefetch, in place 5.0–5.1 against 5.9–6.4 ms; a fold of 10⁷ contiguous float64
/// gained nothing from prefetching 1–8 KB ahead (tools/read_bandwidth.c).
#define TS_EXTREMUM_PREFETCH_DISTANCE 4096
#define TS_EXTREMUM_PREFETCH_MAX_BYTES 32768

/// Asks for the lines TS_EXTREMUM_PREFETCH_DISTANCE past the `bytes` at `p` (a prefetch
/// never faults, so they may lie past the array).
static inline __attribute__((always_inline)) void ts_extremum_prefetch(const void *p, intptr_t bytes) {
    for (intptr_t k = 0; k < bytes; k += 64) __builtin_prefetch((const char *)p + TS_EXTREMUM_PREFETCH_DISTANCE + k, 0, 3);
}

#endif
