// The elementary family's table of loops, handed to Swift.
#include "TesseraSIMDElementary.h"

#define DECLARE(name)                                                                    \
    void tessera_simd_##name##_sse2(void *const *, intptr_t, const intptr_t *, void *);  \
    void tessera_simd_##name##_avx2(void *const *, intptr_t, const intptr_t *, void *);  \
    void tessera_simd_##name##_avx512(void *const *, intptr_t, const intptr_t *, void *);
DECLARE(exp_f32) DECLARE(exp_f64) DECLARE(log_f32) DECLARE(log_f64)
DECLARE(sin_f32) DECLARE(sin_f64) DECLARE(cos_f32) DECLARE(cos_f64)
DECLARE(tanh_f32) DECLARE(arctan_f32)
DECLARE(tanh_f64) DECLARE(arctan_f64) DECLARE(power_f32) DECLARE(power_f64)
DECLARE(expm1_f32) DECLARE(expm1_f64) DECLARE(log1p_f32) DECLARE(log1p_f64)
DECLARE(arcsin_f32) DECLARE(arcsin_f64) DECLARE(arccos_f32) DECLARE(arccos_f64)
DECLARE(sinh_f32) DECLARE(sinh_f64) DECLARE(cbrt_f32) DECLARE(cbrt_f64)
DECLARE(hypot_f32) DECLARE(hypot_f64)
DECLARE(exp2_f32) DECLARE(exp2_f64) DECLARE(log2_f32) DECLARE(log2_f64) DECLARE(log10_f32) DECLARE(log10_f64)
DECLARE(cosh_f32) DECLARE(cosh_f64) DECLARE(arcsinh_f32) DECLARE(arcsinh_f64)
DECLARE(arccosh_f32) DECLARE(arccosh_f64) DECLARE(arctanh_f32) DECLARE(arctanh_f64)
DECLARE(tan_f32) DECLARE(tan_f64) DECLARE(arctan2_f32) DECLARE(arctan2_f64)

// Cost: nanoseconds per element at AVX-512, measured in cache (10^4 elements).
#define ENTRY(ufunc, name, signature, cost) \
    {ufunc, signature, (tessera_simd_loop_fn)tessera_simd_##name##_sse2, (tessera_simd_loop_fn)tessera_simd_##name##_avx2, (tessera_simd_loop_fn)tessera_simd_##name##_avx512, cost}

static const tessera_simd_loop entries[] = {
    ENTRY("exp", exp_f32, "f->f", 0.55), ENTRY("exp", exp_f64, "d->d", 0.9),
    ENTRY("log", log_f32, "f->f", 0.6),  ENTRY("log", log_f64, "d->d", 1.1),
    ENTRY("sin", sin_f32, "f->f", 0.6), ENTRY("sin", sin_f64, "d->d", 1.3),
    ENTRY("cos", cos_f32, "f->f", 0.65), ENTRY("cos", cos_f64, "d->d", 1.3),
    // float32 tanh: TanhF32.c at AVX2 and AVX-512, sse2/TanhF32SSE2.c (in double) at SSE2.
    ENTRY("tanh", tanh_f32, "f->f", 0.8),
    ENTRY("arctan", arctan_f32, "f->f", 0.9),
    ENTRY("tanh", tanh_f64, "d->d", 1.6), ENTRY("arctan", arctan_f64, "d->d", 1.6),
    ENTRY("power", power_f32, "ff->f", 1.0), ENTRY("power", power_f64, "dd->d", 3.0),
    // float32 expm1: Expm1F32.c at AVX2 and AVX-512, Expm1.c (in double) at SSE2.
    ENTRY("expm1", expm1_f32, "f->f", 0.4), ENTRY("expm1", expm1_f64, "d->d", 1.0),
    ENTRY("log1p", log1p_f32, "f->f", 0.7), ENTRY("log1p", log1p_f64, "d->d", 1.5),
    ENTRY("arcsin", arcsin_f32, "f->f", 0.6), ENTRY("arcsin", arcsin_f64, "d->d", 1.2),
    ENTRY("arccos", arccos_f32, "f->f", 0.6), ENTRY("arccos", arccos_f64, "d->d", 1.2),
    // float32 sinh: SinhF32.c at AVX2 and AVX-512, Sinh.c (in double) at SSE2.
    ENTRY("sinh", sinh_f32, "f->f", 0.5), ENTRY("sinh", sinh_f64, "d->d", 1.3),
    ENTRY("cbrt", cbrt_f32, "f->f", 0.5), ENTRY("cbrt", cbrt_f64, "d->d", 1.2),
    ENTRY("hypot", hypot_f32, "ff->f", 0.4), ENTRY("hypot", hypot_f64, "dd->d", 1.0),
    // float32 exp2 and cosh: Exp2F32.c and CoshF32.c at AVX2 and AVX-512, Exp2.c and Cosh.c
    // (in double) at SSE2.
    ENTRY("exp2", exp2_f32, "f->f", 0.2), ENTRY("exp2", exp2_f64, "d->d", 0.6),
    ENTRY("log2", log2_f32, "f->f", 0.55), ENTRY("log2", log2_f64, "d->d", 1.05),
    ENTRY("log10", log10_f32, "f->f", 0.6), ENTRY("log10", log10_f64, "d->d", 1.05),
    ENTRY("cosh", cosh_f32, "f->f", 0.45), ENTRY("cosh", cosh_f64, "d->d", 0.9),
    // float32 arcsinh, arccosh, arctanh: InverseHyperbolicF32.c at AVX2 and AVX-512,
    // InverseHyperbolic.c (in double) at SSE2.
    ENTRY("arcsinh", arcsinh_f32, "f->f", 0.85), ENTRY("arcsinh", arcsinh_f64, "d->d", 2.4),
    ENTRY("arccosh", arccosh_f32, "f->f", 0.8), ENTRY("arccosh", arccosh_f64, "d->d", 2.7),
    ENTRY("arctanh", arctanh_f32, "f->f", 0.7), ENTRY("arctanh", arctanh_f64, "d->d", 2.0),
    ENTRY("tan", tan_f32, "f->f", 0.7), ENTRY("tan", tan_f64, "d->d", 1.6),
    // float32 arctan2: float32 lanes at AVX2 and AVX-512 (Arctan2F32Lanes.h), in double at SSE2.
    ENTRY("arctan2", arctan2_f32, "ff->f", 0.82), ENTRY("arctan2", arctan2_f64, "dd->d", 2.0),
};

const tessera_simd_loop *tessera_simd_elementary_loops(intptr_t *count) {
    *count = (intptr_t)(sizeof entries / sizeof entries[0]);
    return entries;
}
