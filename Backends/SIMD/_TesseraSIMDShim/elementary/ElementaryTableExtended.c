// The table of the second set of elementary loops (expm1, log1p, arcsin, arccos, sinh,
// cbrt, hypot), handed to Swift.
#include "TesseraSIMDElementaryExtended.h"

#define DECLARE(name)                                                                    \
    void tessera_simd_##name##_avx2(void *const *, intptr_t, const intptr_t *, void *);  \
    void tessera_simd_##name##_avx512(void *const *, intptr_t, const intptr_t *, void *);
DECLARE(expm1_f32) DECLARE(expm1_f64) DECLARE(log1p_f32) DECLARE(log1p_f64)
DECLARE(arcsin_f32) DECLARE(arcsin_f64) DECLARE(sinh_f32) DECLARE(sinh_f64)
DECLARE(cbrt_f32) DECLARE(cbrt_f64) DECLARE(hypot_f32) DECLARE(hypot_f64)
DECLARE(arccos_f32) DECLARE(arccos_f64)

// Cost: nanoseconds per element at AVX-512, measured in cache (10^4 elements).
#define ENTRY(ufunc, name, signature, cost) \
    {ufunc, signature, NULL, (tessera_simd_loop_fn)tessera_simd_##name##_avx2, (tessera_simd_loop_fn)tessera_simd_##name##_avx512, cost}

static const tessera_simd_loop entries[] = {
    ENTRY("expm1", expm1_f32, "f->f", 0.6), ENTRY("expm1", expm1_f64, "d->d", 1.0),
    ENTRY("log1p", log1p_f32, "f->f", 0.7), ENTRY("log1p", log1p_f64, "d->d", 1.5),
    ENTRY("arcsin", arcsin_f32, "f->f", 0.6), ENTRY("arcsin", arcsin_f64, "d->d", 1.2),
    ENTRY("sinh", sinh_f32, "f->f", 0.7), ENTRY("sinh", sinh_f64, "d->d", 1.3),
    ENTRY("cbrt", cbrt_f32, "f->f", 0.5), ENTRY("cbrt", cbrt_f64, "d->d", 1.2),
    ENTRY("hypot", hypot_f32, "ff->f", 0.4), ENTRY("hypot", hypot_f64, "dd->d", 1.0),
    ENTRY("arccos", arccos_f32, "f->f", 0.6), ENTRY("arccos", arccos_f64, "d->d", 1.2),
};

const tessera_simd_loop *tessera_simd_elementary_extended_loops(intptr_t *count) {
    *count = (intptr_t)(sizeof entries / sizeof entries[0]);
    return entries;
}
