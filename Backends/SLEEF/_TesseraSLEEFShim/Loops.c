// The array loops: unary and binary, float32 and float64, for each vector width.
#include <string.h>
#include "TesseraSLEEFShim.h"

void tessera_sleef_call1_xmm(const void *fn, const void *in, void *out, intptr_t count);
void tessera_sleef_call2_xmm(const void *fn, const void *a, const void *b, void *out, intptr_t count);
void tessera_sleef_call1_ymm(const void *fn, const void *in, void *out, intptr_t count);
void tessera_sleef_call2_ymm(const void *fn, const void *a, const void *b, void *out, intptr_t count);
void tessera_sleef_call1_zmm(const void *fn, const void *in, void *out, intptr_t count);
void tessera_sleef_call2_zmm(const void *fn, const void *a, const void *b, void *out, intptr_t count);

#define T double
#define VBYTES 16
#define SUFFIX f64_xmm
#define CALL1 tessera_sleef_call1_xmm
#define CALL2 tessera_sleef_call2_xmm
#include "LoopTemplate.inc"
#define T float
#define VBYTES 16
#define SUFFIX f32_xmm
#define CALL1 tessera_sleef_call1_xmm
#define CALL2 tessera_sleef_call2_xmm
#include "LoopTemplate.inc"

#define T double
#define VBYTES 32
#define SUFFIX f64_ymm
#define CALL1 tessera_sleef_call1_ymm
#define CALL2 tessera_sleef_call2_ymm
#include "LoopTemplate.inc"
#define T float
#define VBYTES 32
#define SUFFIX f32_ymm
#define CALL1 tessera_sleef_call1_ymm
#define CALL2 tessera_sleef_call2_ymm
#include "LoopTemplate.inc"

#define T double
#define VBYTES 64
#define SUFFIX f64_zmm
#define CALL1 tessera_sleef_call1_zmm
#define CALL2 tessera_sleef_call2_zmm
#include "LoopTemplate.inc"
#define T float
#define VBYTES 64
#define SUFFIX f32_zmm
#define CALL1 tessera_sleef_call1_zmm
#define CALL2 tessera_sleef_call2_zmm
#include "LoopTemplate.inc"

tessera_sleef_loop_fn tessera_sleef_loop(int arity, int is_double, int isa) {
    if (arity != 1 && arity != 2) return NULL;
#define TS_PICK(width) \
    if (is_double) return arity == 1 ? tessera_sleef_unary_f64_##width : tessera_sleef_binary_f64_##width; \
    return arity == 1 ? tessera_sleef_unary_f32_##width : tessera_sleef_binary_f32_##width;
    switch (isa) {
    case TESSERA_SLEEF_ISA_SSE2: TS_PICK(xmm)
    case TESSERA_SLEEF_ISA_AVX2: TS_PICK(ymm)
    case TESSERA_SLEEF_ISA_AVX512F: TS_PICK(zmm)
    default: return NULL;
    }
#undef TS_PICK
}
