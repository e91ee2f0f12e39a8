#ifndef TESSERA_SIMD_INTEGER_TRUE_DIVIDE_H
#define TESSERA_SIMD_INTEGER_TRUE_DIVIDE_H

#include "TesseraSIMDLoops.h"

/// `divide` of two arrays of one integer type, converting to float64 inside the loop.
const tessera_simd_loop *_Nonnull tessera_simd_integer_true_divide_loops(intptr_t *_Nonnull count);

#endif
