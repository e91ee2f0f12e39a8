// The array loops: unary and binary, float32 and float64, for each vector width.
#include <string.h>
#include <math.h>
#include <pthread.h>
#include <immintrin.h>
#include "TesseraSLEEFShim.h"

/// The data of a patched loop: the vector function and its C-library fallback (unary
/// with an argument limit, or binary).
typedef struct {
    const void *vector;
    double (*scalar64)(double);
    float (*scalar32)(float);
    double limit;
    double (*binary64)(double, double);
    float (*binary32)(float, float);
} tessera_sleef_patched_kernel;

void tessera_sleef_call1_xmm(const void *fn, const void *in, void *out, intptr_t count);
void tessera_sleef_call2_xmm(const void *fn, const void *a, const void *b, void *out, intptr_t count);
void tessera_sleef_call1_ymm(const void *fn, const void *in, void *out, intptr_t count);
void tessera_sleef_call2_ymm(const void *fn, const void *a, const void *b, void *out, intptr_t count);
void tessera_sleef_call1_zmm(const void *fn, const void *in, void *out, intptr_t count);
void tessera_sleef_call2_zmm(const void *fn, const void *a, const void *b, void *out, intptr_t count);

// Per instantiation, besides the element type and width: the target attribute of the
// gather code (the loops run only on CPUs that have the instruction set), the vector type
// and the two shuffles the gathers use. TS_EVEN(a, b): the even-indexed elements of a
// followed by those of b (stride-2 operands, e.g. every second element or one part of an
// interleaved complex array). TS_REVERSE(v): v in reverse order (negative unit stride).

// SSE2: the x86-64 baseline, no attribute needed.
#define TS_TARGET
#define T double
#define TS_SCALAR(k, x) (k)->scalar64(x)
#define TS_SCALAR2(k, x, y) (k)->binary64(x, y)
#define VBYTES 16
#define SUFFIX f64_xmm
#define CALL1 tessera_sleef_call1_xmm
#define CALL2 tessera_sleef_call2_xmm
#define TS_V __m128d
#define TS_LOAD(p) _mm_loadu_pd(p)
#define TS_STORE(p, v) _mm_storeu_pd(p, v)
#define TS_EVEN(a, b) _mm_unpacklo_pd(a, b)
#define TS_REVERSE(v) _mm_shuffle_pd(v, v, 1)
#include "LoopTemplate.inc"
#define T float
#define TS_SCALAR(k, x) (k)->scalar32(x)
#define TS_SCALAR2(k, x, y) (k)->binary32(x, y)
#define VBYTES 16
#define SUFFIX f32_xmm
#define CALL1 tessera_sleef_call1_xmm
#define CALL2 tessera_sleef_call2_xmm
#define TS_V __m128
#define TS_LOAD(p) _mm_loadu_ps(p)
#define TS_STORE(p, v) _mm_storeu_ps(p, v)
#define TS_EVEN(a, b) _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0))
#define TS_REVERSE(v) _mm_shuffle_ps(v, v, _MM_SHUFFLE(0, 1, 2, 3))
#include "LoopTemplate.inc"
#undef TS_TARGET

// AVX2 (the loops are chosen only when the CPU also has FMA, which SLEEF's AVX2 code uses).
#define TS_TARGET __attribute__((target("avx2")))
#define T double
#define TS_SCALAR(k, x) (k)->scalar64(x)
#define TS_SCALAR2(k, x, y) (k)->binary64(x, y)
#define VBYTES 32
#define SUFFIX f64_ymm
#define CALL1 tessera_sleef_call1_ymm
#define CALL2 tessera_sleef_call2_ymm
#define TS_V __m256d
#define TS_LOAD(p) _mm256_loadu_pd(p)
#define TS_STORE(p, v) _mm256_storeu_pd(p, v)
// unpacklo: a0 b0 a2 b2; then lanes 0 2 1 3: a0 a2 b0 b2.
#define TS_EVEN(a, b) _mm256_permute4x64_pd(_mm256_unpacklo_pd(a, b), _MM_SHUFFLE(3, 1, 2, 0))
#define TS_REVERSE(v) _mm256_permute4x64_pd(v, _MM_SHUFFLE(0, 1, 2, 3))
#include "LoopTemplate.inc"
#define T float
#define TS_SCALAR(k, x) (k)->scalar32(x)
#define TS_SCALAR2(k, x, y) (k)->binary32(x, y)
#define VBYTES 32
#define SUFFIX f32_ymm
#define CALL1 tessera_sleef_call1_ymm
#define CALL2 tessera_sleef_call2_ymm
#define TS_V __m256
#define TS_LOAD(p) _mm256_loadu_ps(p)
#define TS_STORE(p, v) _mm256_storeu_ps(p, v)
// shuffle: a0 a2 b0 b2 | a4 a6 b4 b6; then 64-bit lanes 0 2 1 3: a0 a2 a4 a6 b0 b2 b4 b6.
#define TS_EVEN(a, b) _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0))), _MM_SHUFFLE(3, 1, 2, 0)))
#define TS_REVERSE(v) _mm256_permutevar8x32_ps(v, _mm256_setr_epi32(7, 6, 5, 4, 3, 2, 1, 0))
#include "LoopTemplate.inc"
#undef TS_TARGET

// AVX-512F.
#define TS_TARGET __attribute__((target("avx512f")))
#define T double
#define TS_SCALAR(k, x) (k)->scalar64(x)
#define TS_SCALAR2(k, x, y) (k)->binary64(x, y)
#define VBYTES 64
#define SUFFIX f64_zmm
#define CALL1 tessera_sleef_call1_zmm
#define CALL2 tessera_sleef_call2_zmm
#define TS_V __m512d
#define TS_LOAD(p) _mm512_loadu_pd(p)
#define TS_STORE(p, v) _mm512_storeu_pd(p, v)
#define TS_EVEN(a, b) _mm512_permutex2var_pd(a, _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14), b)
#define TS_REVERSE(v) _mm512_permutexvar_pd(_mm512_setr_epi64(7, 6, 5, 4, 3, 2, 1, 0), v)
#include "LoopTemplate.inc"
#define T float
#define TS_SCALAR(k, x) (k)->scalar32(x)
#define TS_SCALAR2(k, x, y) (k)->binary32(x, y)
#define VBYTES 64
#define SUFFIX f32_zmm
#define CALL1 tessera_sleef_call1_zmm
#define CALL2 tessera_sleef_call2_zmm
#define TS_V __m512
#define TS_LOAD(p) _mm512_loadu_ps(p)
#define TS_STORE(p, v) _mm512_storeu_ps(p, v)
#define TS_EVEN(a, b) _mm512_permutex2var_ps(a, _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), b)
#define TS_REVERSE(v) _mm512_permutexvar_ps(_mm512_setr_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0), v)
#include "LoopTemplate.inc"
#undef TS_TARGET

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

tessera_sleef_loop_fn tessera_sleef_patched_loop(int arity, int is_double, int isa) {
    if (arity != 1 && arity != 2) return NULL;
#define TS_PICK(width) \
    if (is_double) return arity == 1 ? tessera_sleef_unary_patched_f64_##width : tessera_sleef_binary_patched_f64_##width; \
    return arity == 1 ? tessera_sleef_unary_patched_f32_##width : tessera_sleef_binary_patched_f32_##width;
    switch (isa) {
    case TESSERA_SLEEF_ISA_SSE2: TS_PICK(xmm)
    case TESSERA_SLEEF_ISA_AVX2: TS_PICK(ymm)
    case TESSERA_SLEEF_ISA_AVX512F: TS_PICK(zmm)
    default: return NULL;
    }
#undef TS_PICK
}

// Where SLEEF 3.5's functions stop being accurate (its documentation states the ranges;
// the limits here are a little inside the failures measured by the accuracy tests). exp,
// sinh, cosh and pow overflow early: exp(709.78271289) is 1.797693134862e308, SLEEF's is
// inf above 709.7827111 (float: 88.722839 vs 88.72283905); pow(-3.4028235e38, 8) =
// 1.7976922776556e308 comes back inf.
// The fallbacks compute in a wider type (glibc's own sinh and cosh err by up to 1.9 ULP
// near overflow), so the patched elements stay within the loop's stated bound.
#define TS_WIDE(name) \
    static double ts_##name##64(double x) { return (double)name##l((long double)x); } \
    static float ts_##name##32(float x) { return (float)name((double)x); }
TS_WIDE(asinh)
TS_WIDE(acosh)
TS_WIDE(log1p)
TS_WIDE(exp)
TS_WIDE(sinh)
TS_WIDE(cosh)
#undef TS_WIDE
static double ts_pow64(double x, double y) { return (double)powl((long double)x, (long double)y); }
static float ts_pow32(float x, float y) { return (float)pow((double)x, (double)y); }

static const struct {
    const char *name;
    double (*scalar64)(double);
    float (*scalar32)(float);
    double limit64, limit32;
    double (*binary64)(double, double);
    float (*binary32)(float, float);
} ts_patches[] = {
    {"asinh", ts_asinh64, ts_asinh32, 1e150, 1e18},
    {"acosh", ts_acosh64, ts_acosh32, 1e150, 1e18},
    {"log1p", ts_log1p64, ts_log1p32, 1e300, 1e37},
    {"sinh", ts_sinh64, ts_sinh32, 709.0, 88.0},
    {"cosh", ts_cosh64, ts_cosh32, 709.0, 88.0},
    {"exp", ts_exp64, ts_exp32, 709.0, 88.0},
    {"pow", NULL, NULL, 0, 0, ts_pow64, ts_pow32},
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
            ts_kernels[ts_kernel_count] = (tessera_sleef_patched_kernel){
                vector, ts_patches[p].scalar64, ts_patches[p].scalar32, limit, ts_patches[p].binary64, ts_patches[p].binary32};
            result = &ts_kernels[ts_kernel_count++];
        }
        pthread_mutex_unlock(&ts_kernels_lock);
        return result;
    }
    return NULL;
}
