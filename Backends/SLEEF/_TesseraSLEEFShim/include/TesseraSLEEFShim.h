#ifndef TESSERA_SLEEF_SHIM_H
#define TESSERA_SLEEF_SHIM_H

// Internal to TesseraSLEEF; no stable API.
//
// Binds libsleef.so.3 at run time (dlopen/dlsym; no SLEEF header or link-time
// dependency) and provides array loops in the ufunc inner-loop convention
// `(args, count, steps, data)`. A loop's `data` is the SLEEF vector function it
// applies, as returned by `tessera_sleef_symbol`.

#include <stddef.h>
#include <stdint.h>

/// NumPy's inner-loop signature; imported into Swift as TesseraCore's InnerLoopFunction.
typedef void (*tessera_sleef_loop_fn)(void *const _Nullable *_Nullable args, intptr_t count,
                                      const intptr_t *_Nullable steps, void *_Nullable data);

/// Vector instruction sets, narrowest first.
enum {
    TESSERA_SLEEF_ISA_SSE2 = 1,
    TESSERA_SLEEF_ISA_AVX2 = 2,      // AVX2 + FMA
    TESSERA_SLEEF_ISA_AVX512F = 3,
};

/// Opens libsleef.so.3 once per process. Returns 1 on success; on failure 0, with the
/// dynamic loader's message in `message`.
int tessera_sleef_open(char *_Nonnull message, size_t capacity);

/// The resolved path of the opened library (empty before a successful open).
const char *_Nonnull tessera_sleef_library_path(void);

/// Whether this CPU (and OS) can run the given instruction set.
int tessera_sleef_cpu_supports(int isa);

/// Looks up a SLEEF symbol such as `Sleef_expd8_u10avx512f`; NULL if absent or not open.
void *_Nullable tessera_sleef_symbol(const char *_Nonnull name);

/// The array loop for `arity` inputs (1 or 2) of float64 (`is_double` = 1) or float32
/// at `isa`; NULL for an unknown combination. Its `data` must be a SLEEF vector
/// function of the matching width and type.
tessera_sleef_loop_fn _Nullable tessera_sleef_loop(int arity, int is_double, int isa);

/// For SLEEF functions that are accurate only on part of their domain (`asinh`, `acosh`,
/// `log1p`, `exp`, `sinh`, `cosh`, `pow`): the data for `tessera_sleef_patched_loop`,
/// pairing the vector function with the C library's function where SLEEF's is not
/// accurate; NULL for others.
void *_Nullable tessera_sleef_patched_data(const char *_Nonnull sleef_name, int is_double, void *_Nonnull vector);

/// The loop that takes `tessera_sleef_patched_data`: unary (arguments beyond a limit) or
/// binary (`pow`: results that overflowed from finite inputs).
tessera_sleef_loop_fn _Nullable tessera_sleef_patched_loop(int arity, int is_double, int isa);

#endif
