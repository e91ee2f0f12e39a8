#ifndef TESSERA_SIMD_LOOPS_H
#define TESSERA_SIMD_LOOPS_H

// Internal to TesseraSIMD; no stable API.
//
// What every family of the SIMD shim shares: the inner-loop convention, the instruction-set
// levels and the table entry through which a family hands its loops to Swift. A family
// (arithmetic, comparison, sorting, elementary functions, …) adds one header to this
// folder declaring its table function(s) and one line to the Swift list of tables
// (`SIMDLoopTables.all`); nothing else needs to change.

#include <stddef.h>
#include <stdint.h>

/// NumPy's inner-loop signature; imported into Swift as TesseraCore's InnerLoopFunction.
typedef void (*tessera_simd_loop_fn)(void *const _Nullable *_Nullable args, intptr_t count,
                                     const intptr_t *_Nullable steps, void *_Nullable data);

/// Instruction-set levels, narrowest first (TesseraCore's InstructionSetLevel).
enum {
    TESSERA_SIMD_SSE2 = 1,
    TESSERA_SIMD_AVX2 = 2,    // AVX2 + FMA + F16C
    TESSERA_SIMD_AVX512 = 3,  // AVX-512 F + BW + DQ + VL (and everything AVX2 has)
};

/// One loop of a family, compiled once per level. A NULL entry for a level means the
/// level has no code of its own for it: the next narrower non-NULL one runs.
typedef struct {
    /// NumPy's name of the ufunc (`add`, `floor_divide`, …).
    const char *_Nonnull ufunc;
    /// The loop signature in one-character codes, e.g. `dd->d`.
    const char *_Nonnull signature;
    tessera_simd_loop_fn _Nullable sse2;
    tessera_simd_loop_fn _Nullable avx2;
    tessera_simd_loop_fn _Nullable avx512;
    /// A rough cost per element in nanoseconds at the widest level (threading decisions).
    double cost;
    /// Non-zero when a reduction call computes `out + pairwise sum of the run` in NumPy's
    /// pairwise order (the core's InnerLoop.ReductionContract.pairwiseSum); zero (the
    /// default of TS_ENTRY) promises nothing.
    int pairwise_sum;
} tessera_simd_loop;

/// A family's table: its entries and their number.
typedef const tessera_simd_loop *_Nonnull (*tessera_simd_table_fn)(intptr_t *_Nonnull count);

/// Whether this CPU (and OS) can run the given level.
int tessera_simd_cpu_supports(int level);

#endif
