// The comparisons and `logical_and`/`logical_or`/`logical_xor`/`logical_not`, every
// non-complex type to bool. float16 compares as float32 (exact). A float is true when it
// is not zero (so NaN is true), as in the scalar backend.
#include "../common/Kernels.h"
#include "../common/Types.h"
#include "TesseraSIMDComparison.h"

#define TS_COMPARISON_KERNELS(TAG, T, C, V) \
    TS_BINARY(equal_##TAG, T, T, ts_bool, (ts_bool)(V(x) == V(y))) \
    TS_BINARY(not_equal_##TAG, T, T, ts_bool, (ts_bool)(V(x) != V(y))) \
    TS_BINARY(less_##TAG, T, T, ts_bool, (ts_bool)(V(x) < V(y))) \
    TS_BINARY(less_equal_##TAG, T, T, ts_bool, (ts_bool)(V(x) <= V(y))) \
    TS_BINARY(greater_##TAG, T, T, ts_bool, (ts_bool)(V(x) > V(y))) \
    TS_BINARY(greater_equal_##TAG, T, T, ts_bool, (ts_bool)(V(x) >= V(y))) \
    TS_BINARY(logical_xor_##TAG, T, T, ts_bool, (ts_bool)((V(x) != 0) != (V(y) != 0))) \
    TS_UNARY(logical_not_##TAG, T, ts_bool, (ts_bool)(V(x) == 0))
TS_ALL_REAL(TS_COMPARISON_KERNELS)

// logical_and/logical_or: a bool reduction (NumPy's `all`/`any`) stops at the first
// element that decides it, scanning a block of 256 bytes at a time.
#define TS_LOGICAL_SCAN(DECIDES) \
    if (sb == 1) { \
        ts_bool x = *(ts_bool *)po; \
        if (x == DECIDES) return; \
        const ts_bool *b = (const ts_bool *)pb; \
        intptr_t i = 0; \
        for (; i + 256 <= n; i += 256) { \
            ts_bool seen = 0; \
            for (intptr_t k = 0; k < 256; k++) seen |= (ts_bool)((b[i + k] != 0) == DECIDES); \
            if (seen) { *(ts_bool *)po = DECIDES; return; } \
        } \
        for (; i < n; i++) if ((b[i] != 0) == DECIDES) { *(ts_bool *)po = DECIDES; return; } \
        return; \
    }
TS_BINARY_R(logical_and_bool, ts_bool, ts_bool, ts_bool, (ts_bool)((x != 0) & (y != 0)), TS_LOGICAL_SCAN(0))
TS_BINARY_R(logical_or_bool, ts_bool, ts_bool, ts_bool, (ts_bool)((x != 0) | (y != 0)), TS_LOGICAL_SCAN(1))
#define TS_LOGICAL_KERNELS(TAG, T, C, V) \
    TS_BINARY(logical_and_##TAG, T, T, ts_bool, (ts_bool)((V(x) != 0) & (V(y) != 0))) \
    TS_BINARY(logical_or_##TAG, T, T, ts_bool, (ts_bool)((V(x) != 0) | (V(y) != 0)))
TS_ALL_INTEGERS(TS_LOGICAL_KERNELS)
TS_LOGICAL_KERNELS(f16, ts_half, "e", TS_WIDEN)
TS_LOGICAL_KERNELS(f32, float, "f", TS_SAME)
TS_LOGICAL_KERNELS(f64, double, "d", TS_SAME)

#define TS_COMPARISON_ENTRIES(TAG, T, C, V) \
    TS_ENTRY("equal", C C "->?", equal_##TAG, 0.3), \
    TS_ENTRY("not_equal", C C "->?", not_equal_##TAG, 0.3), \
    TS_ENTRY("less", C C "->?", less_##TAG, 0.3), \
    TS_ENTRY("less_equal", C C "->?", less_equal_##TAG, 0.3), \
    TS_ENTRY("greater", C C "->?", greater_##TAG, 0.3), \
    TS_ENTRY("greater_equal", C C "->?", greater_equal_##TAG, 0.3), \
    TS_ENTRY("logical_and", C C "->?", logical_and_##TAG, 0.3), \
    TS_ENTRY("logical_or", C C "->?", logical_or_##TAG, 0.3), \
    TS_ENTRY("logical_xor", C C "->?", logical_xor_##TAG, 0.3), \
    TS_ENTRY("logical_not", C "->?", logical_not_##TAG, 0.3),

static const tessera_simd_loop table[] = {
    TS_ALL_REAL(TS_COMPARISON_ENTRIES)
};

TS_TABLE(tessera_simd_comparison_loops, table)
