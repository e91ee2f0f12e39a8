#ifndef TESSERA_SIMD_ELEMENTARY_EXTENDED_H
#define TESSERA_SIMD_ELEMENTARY_EXTENDED_H

// Internal to TesseraSIMD; no stable API.
//
// The second set of elementary functions (expm1, log1p, arcsin, arccos, sinh, cbrt, hypot):
// float32 and float64 loops for AVX2+FMA and AVX-512, no SSE2 code (the scalar backend's
// loop stays there). Registered from Swift (ExtendedElementaryLoops), which adds each
// loop's measured error bound.

#include "TesseraSIMDLoops.h"

/// The loops; `count` receives their number.
const tessera_simd_loop *_Nonnull tessera_simd_elementary_extended_loops(intptr_t *_Nonnull count);

#endif
