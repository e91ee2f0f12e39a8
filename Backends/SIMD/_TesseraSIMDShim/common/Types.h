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

#endif
