#ifndef TESSERA_SIMD_BITWISE_H
#define TESSERA_SIMD_BITWISE_H

#include "TesseraSIMDLoops.h"

const tessera_simd_loop *_Nonnull tessera_simd_bitwise_loops(intptr_t *_Nonnull count);

#endif
