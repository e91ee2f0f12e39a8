#ifndef TESSERA_SIMD_ELEMENTARY_H
#define TESSERA_SIMD_ELEMENTARY_H

// Internal to TesseraSIMD; no stable API.
//
// The elementary-function family (exp, log, sin, cos, …, and expm1, log1p, arcsin,
// arccos, sinh, cbrt, hypot): float32 and float64 loops for
// AVX2+FMA and AVX-512. The entries have no SSE2 code: at that level the scalar
// backend's loop stays. Registered from Swift (ElementaryLoops), which adds each loop's
// measured error bound.

#include "TesseraSIMDLoops.h"

/// The family's loops; `count` receives their number.
const tessera_simd_loop *_Nonnull tessera_simd_elementary_loops(intptr_t *_Nonnull count);

#endif
