// The array loops: unary and binary, float32 and float64, for each vector width.
#include <string.h>
#include <math.h>
#include <pthread.h>
#include "TesseraSLEEFShim.h"

/// The data of a patched loop: the vector function and its C-library fallback.
typedef struct {
    const void *vector;
    double (*scalar64)(double);
    float (*scalar32)(float);
    double limit;
} tessera_sleef_patched_kernel;

void tessera_sleef_call1_xmm(const void *fn, const void *in, void *out, intptr_t count);
void tessera_sleef_call2_xmm(const void *fn, const void *a, const void *b, void *out, intptr_t count);
void tessera_sleef_call1_ymm(const void *fn, const void *in, void *out, intptr_t count);
void tessera_sleef_call2_ymm(const void *fn, const void *a, const void *b, void *out, intptr_t count);
void tessera_sleef_call1_zmm(const void *fn, const void *in, void *out, intptr_t count);
void tessera_sleef_call2_zmm(const void *fn, const void *a, const void *b, void *out, intptr_t count);

#define T double
#define TS_SCALAR(k, x) (k)->scalar64(x)
#define VBYTES 16
#define SUFFIX f64_xmm
#define CALL1 tessera_sleef_call1_xmm
#define CALL2 tessera_sleef_call2_xmm
#include "LoopTemplate.inc"
#define T float
#define TS_SCALAR(k, x) (k)->scalar32(x)
#define VBYTES 16
#define SUFFIX f32_xmm
#define CALL1 tessera_sleef_call1_xmm
#define CALL2 tessera_sleef_call2_xmm
#include "LoopTemplate.inc"

#define T double
#define TS_SCALAR(k, x) (k)->scalar64(x)
#define VBYTES 32
#define SUFFIX f64_ymm
#define CALL1 tessera_sleef_call1_ymm
#define CALL2 tessera_sleef_call2_ymm
#include "LoopTemplate.inc"
#define T float
#define TS_SCALAR(k, x) (k)->scalar32(x)
#define VBYTES 32
#define SUFFIX f32_ymm
#define CALL1 tessera_sleef_call1_ymm
#define CALL2 tessera_sleef_call2_ymm
#include "LoopTemplate.inc"

#define T double
#define TS_SCALAR(k, x) (k)->scalar64(x)
#define VBYTES 64
#define SUFFIX f64_zmm
#define CALL1 tessera_sleef_call1_zmm
#define CALL2 tessera_sleef_call2_zmm
#include "LoopTemplate.inc"
#define T float
#define TS_SCALAR(k, x) (k)->scalar32(x)
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

tessera_sleef_loop_fn tessera_sleef_patched_loop(int is_double, int isa) {
    switch (isa) {
    case TESSERA_SLEEF_ISA_SSE2: return is_double ? tessera_sleef_unary_patched_f64_xmm : tessera_sleef_unary_patched_f32_xmm;
    case TESSERA_SLEEF_ISA_AVX2: return is_double ? tessera_sleef_unary_patched_f64_ymm : tessera_sleef_unary_patched_f32_ymm;
    case TESSERA_SLEEF_ISA_AVX512F: return is_double ? tessera_sleef_unary_patched_f64_zmm : tessera_sleef_unary_patched_f32_zmm;
    default: return NULL;
    }
}

// Where SLEEF 3.5's functions stop being accurate (its documentation states the ranges;
// the limits here are a little inside the failures measured by the accuracy tests).
// The fallbacks compute in a wider type (glibc's own sinh and cosh err by up to 1.9 ULP
// near overflow), so the patched elements stay within the loop's stated bound.
#define TS_WIDE(name) \
    static double ts_##name##64(double x) { return (double)name##l((long double)x); } \
    static float ts_##name##32(float x) { return (float)name((double)x); }
TS_WIDE(asinh)
TS_WIDE(acosh)
TS_WIDE(log1p)
TS_WIDE(sinh)
TS_WIDE(cosh)
#undef TS_WIDE

static const struct {
    const char *name;
    double (*scalar64)(double);
    float (*scalar32)(float);
    double limit64, limit32;
} ts_patches[] = {
    {"asinh", ts_asinh64, ts_asinh32, 1e150, 1e18},
    {"acosh", ts_acosh64, ts_acosh32, 1e150, 1e18},
    {"log1p", ts_log1p64, ts_log1p32, 1e300, 1e37},
    {"sinh", ts_sinh64, ts_sinh32, 709.0, 88.0},
    {"cosh", ts_cosh64, ts_cosh32, 709.0, 88.0},
};

static pthread_mutex_t ts_kernels_lock = PTHREAD_MUTEX_INITIALIZER;
static tessera_sleef_patched_kernel ts_kernels[256];
static int ts_kernel_count;

void *tessera_sleef_patched_data(const char *name, int is_double, void *vector) {
    for (size_t p = 0; p < sizeof ts_patches / sizeof ts_patches[0]; p++) {
        if (strcmp(ts_patches[p].name, name) != 0) continue;
        const double limit = is_double ? ts_patches[p].limit64 : ts_patches[p].limit32;
        void *result = NULL;
        pthread_mutex_lock(&ts_kernels_lock);
        for (int k = 0; k < ts_kernel_count && !result; k++) {
            if (ts_kernels[k].vector == vector) result = &ts_kernels[k];
        }
        if (!result && ts_kernel_count < (int)(sizeof ts_kernels / sizeof ts_kernels[0])) {
            ts_kernels[ts_kernel_count] = (tessera_sleef_patched_kernel){vector, ts_patches[p].scalar64, ts_patches[p].scalar32, limit};
            result = &ts_kernels[ts_kernel_count++];
        }
        pthread_mutex_unlock(&ts_kernels_lock);
        return result;
    }
    return NULL;
}
