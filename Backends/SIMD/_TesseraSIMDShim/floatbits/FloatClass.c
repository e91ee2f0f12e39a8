// `isnan`, `isinf`, `isfinite` for every non-complex type (integers and bool are never
// NaN or infinite) and `signbit` for the floats, from the bits.
#include "../common/Kernels.h"
#include "../common/Types.h"
#include "TesseraSIMDFloatClass.h"

#define TS_INT_CLASS(TAG, T, C, V) \
    TS_UNARY(isnan_##TAG, T, ts_bool, (ts_bool)((void)x, 0)) \
    TS_UNARY(isinf_##TAG, T, ts_bool, (ts_bool)((void)x, 0)) \
    TS_UNARY(isfinite_##TAG, T, ts_bool, (ts_bool)((void)x, 1))
TS_INT_CLASS(bool, ts_bool, "?", TS_SAME)
TS_ALL_INTEGERS(TS_INT_CLASS)

// By the biased exponent: all ones is inf or NaN (NaN if the fraction is not zero).
#define TS_FLOAT_CLASS(TAG, T, BITS, EXPONENT, FRACTION) \
    TS_UNARY(isnan_##TAG, T, ts_bool, ({ BITS b; __builtin_memcpy(&b, &x, sizeof b); (ts_bool)((b & (EXPONENT | FRACTION)) > EXPONENT); })) \
    TS_UNARY(isinf_##TAG, T, ts_bool, ({ BITS b; __builtin_memcpy(&b, &x, sizeof b); (ts_bool)((b & (EXPONENT | FRACTION)) == EXPONENT); })) \
    TS_UNARY(isfinite_##TAG, T, ts_bool, ({ BITS b; __builtin_memcpy(&b, &x, sizeof b); (ts_bool)((b & EXPONENT) != EXPONENT); })) \
    TS_UNARY(signbit_##TAG, T, ts_bool, ({ BITS b; __builtin_memcpy(&b, &x, sizeof b); (ts_bool)(b >> (8 * sizeof b - 1)); }))
TS_FLOAT_CLASS(f16, ts_half, uint16_t, 0x7C00u, 0x03FFu)
TS_FLOAT_CLASS(f32, float, uint32_t, 0x7F800000u, 0x007FFFFFu)
TS_FLOAT_CLASS(f64, double, uint64_t, 0x7FF0000000000000ull, 0x000FFFFFFFFFFFFFull)

#define TS_CLASS_ENTRIES(TAG, T, C, V) \
    TS_ENTRY("isnan", C "->?", isnan_##TAG, 0.3), \
    TS_ENTRY("isinf", C "->?", isinf_##TAG, 0.3), \
    TS_ENTRY("isfinite", C "->?", isfinite_##TAG, 0.3),
#define TS_SIGNBIT_ENTRY(TAG, C) TS_ENTRY("signbit", C "->?", signbit_##TAG, 0.3),

static const tessera_simd_loop table[] = {
    TS_ALL_REAL(TS_CLASS_ENTRIES)
    TS_SIGNBIT_ENTRY(f16, "e")
    TS_SIGNBIT_ENTRY(f32, "f")
    TS_SIGNBIT_ENTRY(f64, "d")
};

TS_TABLE(tessera_simd_float_class_loops, table)
