#ifndef TESSERA_SIMD_COMPARISON_H
#define TESSERA_SIMD_COMPARISON_H

#include "TesseraSIMDLoops.h"

const tessera_simd_loop *_Nonnull tessera_simd_comparison_loops(intptr_t *_Nonnull count);

#endif
