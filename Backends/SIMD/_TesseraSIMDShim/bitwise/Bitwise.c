// `bitwise_and`/`bitwise_or`/`bitwise_xor`/`invert` for bool and every integer, and
// `left_shift`/`right_shift` with NumPy's rule for shift counts outside 0..<bits: a left
// shift gives 0, a right shift 0 or −1 (by sign); a negative count counts as too large.
#include "../common/Kernels.h"
#include "../common/Types.h"
#include "TesseraSIMDBitwise.h"

#define TS_BITWISE_KERNELS(TAG, T, C, V) \
    TS_BINARY_R(bitwise_and_##TAG, T, T, T, (T)(x & y), TS_FOLD(T, (T)(x & y))) \
    TS_BINARY_R(bitwise_or_##TAG, T, T, T, (T)(x | y), TS_FOLD(T, (T)(x | y))) \
    TS_BINARY_R(bitwise_xor_##TAG, T, T, T, (T)(x ^ y), TS_FOLD(T, (T)(x ^ y)))
TS_BITWISE_KERNELS(bool, ts_bool, "?", TS_SAME)
TS_ALL_INTEGERS(TS_BITWISE_KERNELS)
TS_UNARY(invert_bool, ts_bool, ts_bool, (ts_bool)(x == 0))

// (uint64_t)y of a negative count is huge, so one comparison covers both cases.
#define TS_SHIFT_KERNELS(TAG, T, U, C) \
    TS_UNARY(invert_##TAG, T, T, (T)~x) \
    TS_BINARY(left_shift_##TAG, T, T, T, \
        (uint64_t)y >= 8 * sizeof(T) ? (T)0 : (T)((U)x << y)) \
    TS_BINARY(right_shift_##TAG, T, T, T, \
        (uint64_t)y >= 8 * sizeof(T) ? (T)(x < 0 ? -1 : 0) : (T)(x >> y))
TS_INTEGERS(TS_SHIFT_KERNELS)

#define TS_BITWISE_ENTRIES(TAG, T, C, V) \
    TS_ENTRY("bitwise_and", C C "->" C, bitwise_and_##TAG, 0.3), \
    TS_ENTRY("bitwise_or", C C "->" C, bitwise_or_##TAG, 0.3), \
    TS_ENTRY("bitwise_xor", C C "->" C, bitwise_xor_##TAG, 0.3), \
    TS_ENTRY("invert", C "->" C, invert_##TAG, 0.3),
#define TS_SHIFT_ENTRIES(TAG, T, C, V) \
    TS_ENTRY("left_shift", C C "->" C, left_shift_##TAG, 0.3), \
    TS_ENTRY("right_shift", C C "->" C, right_shift_##TAG, 0.3),

static const tessera_simd_loop table[] = {
    TS_BITWISE_ENTRIES(bool, ts_bool, "?", TS_SAME)
    TS_ALL_INTEGERS(TS_BITWISE_ENTRIES)
    TS_ALL_INTEGERS(TS_SHIFT_ENTRIES)
};

TS_TABLE(tessera_simd_bitwise_loops, table)
