#ifndef TESSERA_SIMD_UNARY_ARITHMETIC_H
#define TESSERA_SIMD_UNARY_ARITHMETIC_H

#include "TesseraSIMDLoops.h"

const tessera_simd_loop *_Nonnull tessera_simd_unary_arithmetic_loops(intptr_t *_Nonnull count);

#endif
