#ifndef TESSERA_SIMD_INTEGER_DIVISION_H
#define TESSERA_SIMD_INTEGER_DIVISION_H

#include "TesseraSIMDLoops.h"

const tessera_simd_loop *_Nonnull tessera_simd_integer_division_loops(intptr_t *_Nonnull count);

#endif
