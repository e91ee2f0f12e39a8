// `negative`, `absolute`, `square`, `sign` for every integer and float type, and
// `reciprocal`, `sqrt` for the floats. Integer results wrap (the absolute value and the
// negation of the most negative value are itself); float16 is computed in float32.
#include "../common/Kernels.h"
#include "../common/Types.h"
#include "TesseraSIMDUnaryArithmetic.h"

#define TS_INT_UNARY(TAG, T, U, C) \
    TS_UNARY(negative_##TAG, T, T, (T)((U)0 - (U)x)) \
    TS_UNARY(absolute_##TAG, T, T, x < 0 ? (T)((U)0 - (U)x) : x) \
    TS_UNARY(square_##TAG, T, T, (T)((U)x * (U)x)) \
    TS_UNARY(sign_##TAG, T, T, (T)(x > 0 ? 1 : (x < 0 ? -1 : 0)))
TS_INTEGERS(TS_INT_UNARY)
TS_UNARY(absolute_bool, ts_bool, ts_bool, x)

// __builtin_elementwise_sqrt: the IEEE square root without errno, so it vectorises.
// `sign`: +1, −1, +0 for either zero, NaN itself.
#define TS_FLOAT_UNARY(TAG, T, C) \
    TS_UNARY(negative_##TAG, T, T, -x) \
    TS_UNARY(absolute_##TAG, T, T, __builtin_fabs(x)) \
    TS_UNARY(square_##TAG, T, T, x * x) \
    TS_UNARY(reciprocal_##TAG, T, T, (T)1 / x) \
    TS_UNARY(sqrt_##TAG, T, T, __builtin_elementwise_sqrt(x)) \
    TS_UNARY(sign_##TAG, T, T, x > 0 ? (T)1 : (x < 0 ? (T)-1 : (x == 0 ? (T)0 : x)))
TS_FLOAT_UNARY(f64, double, "d")
TS_UNARY(negative_f32, float, float, -x)
TS_UNARY(absolute_f32, float, float, __builtin_fabsf(x))
TS_UNARY(square_f32, float, float, x * x)
TS_UNARY(reciprocal_f32, float, float, 1.0f / x)
TS_UNARY(sqrt_f32, float, float, __builtin_elementwise_sqrt(x))
TS_UNARY(sign_f32, float, float, x > 0 ? 1.0f : (x < 0 ? -1.0f : (x == 0 ? 0.0f : x)))

TS_UNARY(negative_f16, ts_half, ts_half, (ts_half)(-(float)x))
TS_UNARY(absolute_f16, ts_half, ts_half, (ts_half)__builtin_fabsf((float)x))
TS_UNARY(square_f16, ts_half, ts_half, (ts_half)((float)x * (float)x))
TS_UNARY(reciprocal_f16, ts_half, ts_half, (ts_half)(1.0f / (float)x))
TS_UNARY(sqrt_f16, ts_half, ts_half, (ts_half)__builtin_elementwise_sqrt((float)x))
TS_UNARY(sign_f16, ts_half, ts_half, (ts_half)((float)x > 0 ? 1.0f : ((float)x < 0 ? -1.0f : ((float)x == 0 ? 0.0f : (float)x))))

#define TS_INT_UNARY_ENTRIES(TAG, T, U, C) \
    TS_ENTRY("negative", C "->" C, negative_##TAG, 0.3), \
    TS_ENTRY("absolute", C "->" C, absolute_##TAG, 0.3), \
    TS_ENTRY("square", C "->" C, square_##TAG, 0.3), \
    TS_ENTRY("sign", C "->" C, sign_##TAG, 0.3),
#define TS_FLOAT_UNARY_ENTRIES(TAG, C) \
    TS_ENTRY("negative", C "->" C, negative_##TAG, 0.3), \
    TS_ENTRY("absolute", C "->" C, absolute_##TAG, 0.3), \
    TS_ENTRY("square", C "->" C, square_##TAG, 0.3), \
    TS_ENTRY("reciprocal", C "->" C, reciprocal_##TAG, 0.5), \
    TS_ENTRY("sqrt", C "->" C, sqrt_##TAG, 1.0), \
    TS_ENTRY("sign", C "->" C, sign_##TAG, 0.3),

static const tessera_simd_loop table[] = {
    TS_ENTRY("absolute", "?->?", absolute_bool, 0.3),
    TS_INTEGERS(TS_INT_UNARY_ENTRIES)
    TS_FLOAT_UNARY_ENTRIES(f16, "e")
    TS_FLOAT_UNARY_ENTRIES(f32, "f")
    TS_FLOAT_UNARY_ENTRIES(f64, "d")
};

TS_TABLE(tessera_simd_unary_arithmetic_loops, table)
