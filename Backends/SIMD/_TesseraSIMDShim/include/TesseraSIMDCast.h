#ifndef TESSERA_SIMD_CAST_H
#define TESSERA_SIMD_CAST_H

#include "TesseraSIMDLoops.h"

/// `cast` method loops (TesseraCore's ArrayMethod) for every pair of bool, the integers,
/// float16, float32 and float64; `ufunc` is "cast", the signature names the pair.
const tessera_simd_loop *_Nonnull tessera_simd_cast_loops(intptr_t *_Nonnull count);

#endif
