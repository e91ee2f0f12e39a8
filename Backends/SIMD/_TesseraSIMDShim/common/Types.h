// Element types by NumPy's one-character codes, and the per-type lists the families
// expand their kernels over (private to the shim).
#ifndef TESSERA_SIMD_TYPES_H
#define TESSERA_SIMD_TYPES_H

#include <stdint.h>

// NumPy's bool is one byte holding 0 or 1.
typedef uint8_t ts_bool;
typedef _Float16 ts_half;

// X(tag, type, unsigned type of integer arithmetic without overflow UB, code)
// Arithmetic on 8- and 16-bit integers is done in uint32_t so that the promotion to
// int cannot overflow (uint16 * uint16 would, as int).
#define TS_SIGNED_INTEGERS(X) \
    X(i8, int8_t, uint32_t, "b") X(i16, int16_t, uint32_t, "h") X(i32, int32_t, uint32_t, "i") X(i64, int64_t, uint64_t, "l")
#define TS_UNSIGNED_INTEGERS(X) \
    X(u8, uint8_t, uint32_t, "B") X(u16, uint16_t, uint32_t, "H") X(u32, uint32_t, uint32_t, "I") X(u64, uint64_t, uint64_t, "L")
#define TS_INTEGERS(X) TS_SIGNED_INTEGERS(X) TS_UNSIGNED_INTEGERS(X)
// X(tag, type, code); float16 is computed in float32 and rounded once, as the scalar
// backend does (exact for +, −, ×, ÷ and sqrt: float32 has more than 2·11 + 2 bits).
#define TS_WIDE_FLOATS(X) X(f32, float, "f") X(f64, double, "d")

// Every non-complex type: X(tag, type, code, V), where V(value) is the value compared
// (float16 widened to float32, exactly, as the scalar backend does).
#define TS_SAME(v) (v)
#define TS_WIDEN(v) ((float)(v))
#define TS_ALL_REAL(X) \
    X(bool, ts_bool, "?", TS_SAME) \
    X(i8, int8_t, "b", TS_SAME) X(i16, int16_t, "h", TS_SAME) X(i32, int32_t, "i", TS_SAME) X(i64, int64_t, "l", TS_SAME) \
    X(u8, uint8_t, "B", TS_SAME) X(u16, uint16_t, "H", TS_SAME) X(u32, uint32_t, "I", TS_SAME) X(u64, uint64_t, "L", TS_SAME) \
    X(f16, ts_half, "e", TS_WIDEN) X(f32, float, "f", TS_SAME) X(f64, double, "d", TS_SAME)
// The integers without bool: X(tag, type, code, V).
#define TS_ALL_INTEGERS(X) \
    X(i8, int8_t, "b", TS_SAME) X(i16, int16_t, "h", TS_SAME) X(i32, int32_t, "i", TS_SAME) X(i64, int64_t, "l", TS_SAME) \
    X(u8, uint8_t, "B", TS_SAME) X(u16, uint16_t, "H", TS_SAME) X(u32, uint32_t, "I", TS_SAME) X(u64, uint64_t, "L", TS_SAME)

/// The bits of a float, for sign tests the vectoriser understands.
static inline __attribute__((always_inline)) int ts_sign_f64(double x) { int64_t b; __builtin_memcpy(&b, &x, 8); return b < 0; }
static inline __attribute__((always_inline)) int ts_sign_f32(float x) { int32_t b; __builtin_memcpy(&b, &x, 4); return b < 0; }
static inline __attribute__((always_inline)) int ts_sign_f16(ts_half x) { int16_t b; __builtin_memcpy(&b, &x, 2); return b < 0; }

/// A table function returning a static table.
#define TS_TABLE(FUNCTION, TABLE) \
    const tessera_simd_loop *FUNCTION(intptr_t *count) { \
        *count = (intptr_t)(sizeof TABLE / sizeof TABLE[0]); \
        return TABLE; \
    }

#endif
