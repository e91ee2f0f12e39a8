// `divide` (true division) of two integer arrays of one type, in float64, in one pass.
//
// NumPy has no integer loop for true division: it casts both inputs to float64 through
// buffers and runs 'dd->d'. These loops ('ii->d', 'll->d', …) compute the same thing per
// element — each input converted to the nearest float64 (exact below 2⁵³; int64 and
// uint64 beyond that round to nearest, even, as the cast does) and one IEEE division —
// without the buffers, so the call reads each input once and writes the output once.
// The core takes such a loop only when both inputs are arrays of its input type (see
// UFunc.resolve), so results are the buffered path's bit for bit.
#include "../common/Kernels.h"
#include "../common/Types.h"
#include "TesseraSIMDIntegerTrueDivide.h"

#define TS_INT_TRUE_DIVIDE(TAG, T, U, CODE) \
    TS_BINARY(true_divide_##TAG, T, T, double, (double)x / (double)y)
TS_INTEGERS(TS_INT_TRUE_DIVIDE)

#define TS_INT_TRUE_DIVIDE_ENTRY(TAG, T, U, CODE) TS_ENTRY("divide", CODE CODE "->d", true_divide_##TAG, 0.5),
static const tessera_simd_loop table[] = {
    TS_INTEGERS(TS_INT_TRUE_DIVIDE_ENTRY)
};

TS_TABLE(tessera_simd_integer_true_divide_loops, table)
