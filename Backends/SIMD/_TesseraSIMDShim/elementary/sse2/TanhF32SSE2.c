// tanh for float32 at SSE2, the x86-64 baseline, evaluated in double. (TanhF32.c, in
// float32 arithmetic, reads its tables with AVX2/AVX-512 permutes, which SSE2 lacks; a
// table read per lane would cost more than the double evaluation.)
//
// tanh|x| = e / (e + 2) with e = expm1(2|x|) from the float32 kernels' expm1 in double
// (te_expm1_f32_core, relative error about 1e-10, no cancellation near 0), and the sign
// of x copied back (so tanh(-0) = -0). The quotient is within a few double ULPs of tanh,
// so only the conversion to float32 rounds visibly. Arguments beyond 20 give 1 - 8e-18,
// which rounds to 1 (and inf does too); NaN stays NaN.
#define TE_SSE2_UNIT 1
#include "../ElementaryCommon.h"

TE_INLINE float te_tanh_f32_in_double(float xf) {
    double a = __builtin_fabs((double)xf);
    double e = te_expm1_f32_core(2.0 * (a > 20.0 ? 20.0 : a));
    double t = e / (e + 2.0);
    return (float)te_double(te_bits(t) | (te_bits((double)xf) & 0x8000000000000000ULL));
}

TE_UNARY(tanh_f32, float, te_tanh_f32_in_double)
