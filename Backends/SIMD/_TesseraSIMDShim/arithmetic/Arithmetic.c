// `add`, `subtract`, `multiply`, `divide` for bool, every integer and every float type.
// Integer arithmetic wraps (NumPy's), computed in unsigned types; float16 in float32.
#include "../common/Kernels.h"
#include "../common/Types.h"
#include "../reduction/PairwiseSum.h"
#include "TesseraSIMDArithmetic.h"

// Integer: reductions fold in any order (wrapping + and × are associative).
#define TS_INT_ARITHMETIC(TAG, T, U, CODE) \
    TS_BINARY_R(add_##TAG, T, T, T, (T)((U)x + (U)y), TS_FOLD(T, (T)((U)x + (U)y))) \
    TS_BINARY(subtract_##TAG, T, T, T, (T)((U)x - (U)y)) \
    TS_BINARY_R(multiply_##TAG, T, T, T, (T)((U)x * (U)y), TS_FOLD(T, (T)((U)x * (U)y)))
TS_INTEGERS(TS_INT_ARITHMETIC)

TS_BINARY_R(add_bool, ts_bool, ts_bool, ts_bool, (ts_bool)((x | y) != 0), TS_FOLD(ts_bool, (ts_bool)((x | y) != 0)))
TS_BINARY_R(multiply_bool, ts_bool, ts_bool, ts_bool, (ts_bool)((x != 0) & (y != 0)), TS_FOLD(ts_bool, (ts_bool)((x != 0) & (y != 0))))

// Float add reductions sum pairwise, in the scalar backend's order. Every-second-element
// runs (views like `a[::2]`) and backward inputs into a forward output get vector code too.
#define TS_FLOAT_STRIDED(T, EXPR) TS_EVERY_SECOND(T, T, T, EXPR) TS_BACKWARDS(T, T, T, EXPR)
#define TS_FLOAT_ARITHMETIC(TAG, T, CODE) \
    TS_BINARY_RS(add_##TAG, T, T, T, x + y, \
        *(T *)po += TS_AT_LEVEL(tessera_simd_pairwise_##TAG, pb, n, sb); return;, TS_FLOAT_STRIDED(T, x + y)) \
    TS_BINARY_RS(subtract_##TAG, T, T, T, x - y, , TS_FLOAT_STRIDED(T, x - y)) \
    TS_BINARY_RS(multiply_##TAG, T, T, T, x * y, , TS_FLOAT_STRIDED(T, x * y)) \
    TS_BINARY_RS(divide_##TAG, T, T, T, x / y, , TS_FLOAT_STRIDED(T, x / y))
TS_WIDE_FLOATS(TS_FLOAT_ARITHMETIC)

TS_BINARY_R(add_f16, ts_half, ts_half, ts_half, (ts_half)((float)x + (float)y), \
    *(ts_half *)po = (ts_half)((float)*(ts_half *)po + TS_AT_LEVEL(tessera_simd_pairwise_f16, pb, n, sb)); return;)
// Other float16 reductions accumulate in float32 in order and round once at the end, as
// NumPy's half loops and the scalar backend's (halfReducibleLoop) do.
#define TS_HALF_FLOAT_FOLD(OP) { \
        float acc = (float)*(ts_half *)po; \
        for (intptr_t i = 0; i < n; i++) acc = acc OP (float)*(const ts_half *)(pb + i * sb); \
        *(ts_half *)po = (ts_half)acc; \
        return; \
    }
TS_BINARY_R(subtract_f16, ts_half, ts_half, ts_half, (ts_half)((float)x - (float)y), TS_HALF_FLOAT_FOLD(-))
TS_BINARY_R(multiply_f16, ts_half, ts_half, ts_half, (ts_half)((float)x * (float)y), TS_HALF_FLOAT_FOLD(*))
TS_BINARY_R(divide_f16, ts_half, ts_half, ts_half, (ts_half)((float)x / (float)y), TS_HALF_FLOAT_FOLD(/))

#define TS_INT_ENTRIES(TAG, T, U, C) \
    TS_ENTRY("add", C C "->" C, add_##TAG, 0.3), \
    TS_ENTRY("subtract", C C "->" C, subtract_##TAG, 0.3), \
    TS_ENTRY("multiply", C C "->" C, multiply_##TAG, 0.3),
#define TS_FLOAT_ENTRIES(TAG, T, C) \
    TS_ENTRY("add", C C "->" C, add_##TAG, 0.3), \
    TS_FLOAT_NONADD_ENTRIES(TAG, C)
// float32/float64 sums run in NumPy's pairwise order (float16 rounds every call to
// float16, so its add states nothing).
#define TS_WIDE_FLOAT_ENTRIES(TAG, T, C) \
    TS_PAIRWISE_SUM_ENTRY("add", C C "->" C, add_##TAG, 0.3), \
    TS_FLOAT_NONADD_ENTRIES(TAG, C)
#define TS_FLOAT_NONADD_ENTRIES(TAG, C) \
    TS_ENTRY("subtract", C C "->" C, subtract_##TAG, 0.3), \
    TS_ENTRY("multiply", C C "->" C, multiply_##TAG, 0.3), \
    TS_ENTRY("divide", C C "->" C, divide_##TAG, 0.5),

static const tessera_simd_loop table[] = {
    TS_ENTRY("add", "?" "?->?", add_bool, 0.3),
    TS_ENTRY("multiply", "?" "?->?", multiply_bool, 0.3),
    TS_INTEGERS(TS_INT_ENTRIES)
    TS_WIDE_FLOATS(TS_WIDE_FLOAT_ENTRIES)
    TS_FLOAT_ENTRIES(f16, ts_half, "e")
};

TS_TABLE(tessera_simd_arithmetic_loops, table)
