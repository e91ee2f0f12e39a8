// Casts between bool, the integers, float16, float32 and float64 with NumPy's value
// rules, as TesseraCore's reference casts (Casting/CastElement.swift): integers wrap;
// integer → float rounds once; float → float rounds once (float16 widens exactly);
// anything → bool tests for non-zero (NaN is true); float → integer truncates toward zero
// through the conversion NumPy's C casts compile to on x86-64 — a 32-bit conversion for
// 8-, 16- and signed 32-bit results, 64-bit otherwise, with unsigned results above the
// signed range shifted into it first — and NaN or an out-of-range value gives that
// conversion's "integer indefinite" (the most negative value), then wraps.
#include "../common/Kernels.h"
#include "../common/Types.h"
#include "TesseraSIMDCast.h"
#include <pthread.h>
#include <immintrin.h>

TS_INLINE int32_t ts_ftoi32(double x) { return (x > -2147483649.0 && x < 2147483648.0) ? (int32_t)x : INT32_MIN; }
TS_INLINE int64_t ts_ftoi64(double x) { return (x >= -9223372036854775808.0 && x < 9223372036854775808.0) ? (int64_t)x : INT64_MIN; }
TS_INLINE uint64_t ts_ftou64(double x) {
    return x >= 9223372036854775808.0 ? (uint64_t)ts_ftoi64(x - 9223372036854775808.0) ^ (1ull << 63) : (uint64_t)ts_ftoi64(x);
}
TS_INLINE uint32_t ts_ftou32(double x) {
    return x >= 2147483648.0 ? (uint32_t)ts_ftoi32(x - 2147483648.0) ^ (1u << 31) : (uint32_t)ts_ftoi32(x);
}
#define TS_FTOI_i8 ts_ftoi32
#define TS_FTOI_i16 ts_ftoi32
#define TS_FTOI_i32 ts_ftoi32
#define TS_FTOI_u8 ts_ftoi32
#define TS_FTOI_u16 ts_ftoi32
#define TS_FTOI_u32 ts_ftou32
#define TS_FTOI_i64 ts_ftoi64
#define TS_FTOI_u64 ts_ftou64

// Destination kinds: B bool, I integer, F float32/float64, H float16. Source kinds: B, S
// (signed), U (unsigned), F, H.
#define TS_CAST_B_FROM_B(x, TD, TAGD) (ts_bool)(x != 0)
#define TS_CAST_B_FROM_S(x, TD, TAGD) (ts_bool)(x != 0)
#define TS_CAST_B_FROM_U(x, TD, TAGD) (ts_bool)(x != 0)
#define TS_CAST_B_FROM_F(x, TD, TAGD) (ts_bool)(x != 0)
#define TS_CAST_B_FROM_H(x, TD, TAGD) (ts_bool)((float)x != 0)
#define TS_CAST_I_FROM_B(x, TD, TAGD) (TD)x
#define TS_CAST_I_FROM_S(x, TD, TAGD) (TD)x
#define TS_CAST_I_FROM_U(x, TD, TAGD) (TD)x
#define TS_CAST_I_FROM_F(x, TD, TAGD) (TD)TS_FTOI_##TAGD((double)x)
#define TS_CAST_I_FROM_H(x, TD, TAGD) (TD)TS_FTOI_##TAGD((double)x)
#define TS_CAST_F_FROM_B(x, TD, TAGD) (TD)x
#define TS_CAST_F_FROM_S(x, TD, TAGD) (TD)x
#define TS_CAST_F_FROM_U(x, TD, TAGD) (TD)x
#define TS_CAST_F_FROM_F(x, TD, TAGD) (TD)x
#define TS_CAST_F_FROM_H(x, TD, TAGD) (TD)x
#define TS_CAST_H_FROM_B(x, TD, TAGD) (TD)x
#define TS_CAST_H_FROM_S(x, TD, TAGD) (TD)x
#define TS_CAST_H_FROM_U(x, TD, TAGD) (TD)x
#define TS_CAST_H_FROM_F(x, TD, TAGD) (TD)x
#define TS_CAST_H_FROM_H(x, TD, TAGD) (TD)x

// X(tag, type, code, source kind, destination kind). Two copies of the list, since a
// macro cannot expand inside its own expansion.
#define TS_CAST_TYPES(X, ...) \
    X(__VA_ARGS__, bool, ts_bool, "?", B, B) \
    X(__VA_ARGS__, i8, int8_t, "b", S, I) X(__VA_ARGS__, i16, int16_t, "h", S, I) \
    X(__VA_ARGS__, i32, int32_t, "i", S, I) X(__VA_ARGS__, i64, int64_t, "l", S, I) \
    X(__VA_ARGS__, u8, uint8_t, "B", U, I) X(__VA_ARGS__, u16, uint16_t, "H", U, I) \
    X(__VA_ARGS__, u32, uint32_t, "I", U, I) X(__VA_ARGS__, u64, uint64_t, "L", U, I) \
    X(__VA_ARGS__, f16, ts_half, "e", H, H) X(__VA_ARGS__, f32, float, "f", F, F) X(__VA_ARGS__, f64, double, "d", F, F)
#define TS_CAST_SOURCES(X) \
    X(bool, ts_bool, "?", B, B) \
    X(i8, int8_t, "b", S, I) X(i16, int16_t, "h", S, I) X(i32, int32_t, "i", S, I) X(i64, int64_t, "l", S, I) \
    X(u8, uint8_t, "B", U, I) X(u16, uint16_t, "H", U, I) X(u32, uint32_t, "I", U, I) X(u64, uint64_t, "L", U, I) \
    X(f16, ts_half, "e", H, H) X(f32, float, "f", F, F) X(f64, double, "d", F, F)

// Sources of 4 and 8 bytes also get vector code for every-second-element runs
// (`a[::2].astype(...)`); on the Zen 4 machine measured, float64 → float32 of 10⁶ took
// 283–357 µs that way against 383–424 µs element by element (C level, best of 300).
#define TS_CAST_EVERY_SECOND_bool(TS, TD, EXPR)
#define TS_CAST_EVERY_SECOND_i8(TS, TD, EXPR)
#define TS_CAST_EVERY_SECOND_i16(TS, TD, EXPR)
#define TS_CAST_EVERY_SECOND_i32(TS, TD, EXPR) TS_EVERY_SECOND_UNARY(TS, TD, EXPR)
#define TS_CAST_EVERY_SECOND_i64(TS, TD, EXPR) TS_EVERY_SECOND_UNARY(TS, TD, EXPR)
#define TS_CAST_EVERY_SECOND_u8(TS, TD, EXPR)
#define TS_CAST_EVERY_SECOND_u16(TS, TD, EXPR)
#define TS_CAST_EVERY_SECOND_u32(TS, TD, EXPR) TS_EVERY_SECOND_UNARY(TS, TD, EXPR)
#define TS_CAST_EVERY_SECOND_u64(TS, TD, EXPR) TS_EVERY_SECOND_UNARY(TS, TD, EXPR)
#define TS_CAST_EVERY_SECOND_f16(TS, TD, EXPR)
#define TS_CAST_EVERY_SECOND_f32(TS, TD, EXPR) TS_EVERY_SECOND_UNARY(TS, TD, EXPR)
#define TS_CAST_EVERY_SECOND_f64(TS, TD, EXPR) TS_EVERY_SECOND_UNARY(TS, TD, EXPR)

// Contiguous float64 → int32 at AVX2 and above: the conversion instruction itself
// (cvttpd2dq) truncates and gives 0x80000000 for NaN and out-of-range values — the
// results ts_ftoi32 spells out in C, where such a conversion is undefined — so the range
// test the vectorised expression carries is left out. On the Zen 4 machine measured
// (10⁶ elements, C level, best of 200 on huge pages) the AVX2 loop took 170 µs with the
// test and 125 µs without (NumPy's AVX2 build in the harness: 134 µs). Four 256-bit
// conversions per step; the AVX-512 level uses the same (256-bit vectors do better there
// on data in L3, see TS_VECTORIZE_256).
TS_ATTR_avx2 static void ts_cast_f64_i32_contiguous(const double *a, int32_t *o, intptr_t n) {
    intptr_t i = 0;
    for (; i + 16 <= n; i += 16) {
        for (int k = 0; k < 16; k += 4) _mm_storeu_si128((__m128i *)(o + i + k), _mm256_cvttpd_epi32(_mm256_loadu_pd(a + i + k)));
    }
    for (; i < n; i++) o[i] = ts_ftoi32(a[i]);
}
#define TS_IS_TYPE(T, U) _Generic((T)0, U: 1, default: 0)
#define TS_CAST_CONTIGUOUS(TS, TD) \
    if (TS_IS_TYPE(TS, double) && TS_IS_TYPE(TD, int32_t) && level != TESSERA_SIMD_SSE2) { \
        ts_cast_f64_i32_contiguous((const double *)pi, (int32_t *)po, n); \
        return; \
    }

#define TS_CAST_KERNEL(TAGS, TS, CS, KS, KS2, TAGD, TD, CD, KD_SOURCE, KD) \
    TS_UNARY_S(cast_##TAGS##_##TAGD, TS, TD, TS_CAST_##KD##_FROM_##KS(x, TD, TAGD), \
        TS_CAST_CONTIGUOUS(TS, TD), \
        TS_CAST_EVERY_SECOND_##TAGS(TS, TD, TS_CAST_##KD##_FROM_##KS(x, TD, TAGD)))
#define TS_CAST_FROM(TAGS, TS, CS, KS, KD) TS_CAST_TYPES(TS_CAST_KERNEL, TAGS, TS, CS, KS, KD)
TS_CAST_SOURCES(TS_CAST_FROM)

#define TS_CAST_ENTRY(TAGS, TS, CS, KS, KS2, TAGD, TD, CD, KD_SOURCE, KD) \
    TS_ENTRY("cast", CS "->" CD, cast_##TAGS##_##TAGD, 0.3),
#define TS_CAST_ENTRIES_FROM(TAGS, TS, CS, KS, KD) TS_CAST_TYPES(TS_CAST_ENTRY, TAGS, TS, CS, KS, KD)

static const tessera_simd_loop all_pairs[] = {
    TS_CAST_SOURCES(TS_CAST_ENTRIES_FROM)
};

// The table without the identity pairs (a cast to the same dtype is a copy).
static tessera_simd_loop table[sizeof all_pairs / sizeof all_pairs[0]];
static intptr_t table_count;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void fill_table(void) {
    for (size_t i = 0; i < sizeof all_pairs / sizeof all_pairs[0]; i++) {
        const char *s = all_pairs[i].signature;
        if (s[0] != s[3]) table[table_count++] = all_pairs[i];
    }
}

const tessera_simd_loop *tessera_simd_cast_loops(intptr_t *count) {
    pthread_once(&table_once, fill_table);
    *count = table_count;
    return table;
}
