#ifndef TESSERA_SIMD_ARITHMETIC_H
#define TESSERA_SIMD_ARITHMETIC_H

#include "TesseraSIMDLoops.h"

/// `add`, `subtract`, `multiply`, `divide` and the other arithmetic loops.
const tessera_simd_loop *_Nonnull tessera_simd_arithmetic_loops(intptr_t *_Nonnull count);

#endif
