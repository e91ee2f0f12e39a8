#ifndef TESSERA_SIMD_EXTREMUM_H
#define TESSERA_SIMD_EXTREMUM_H

#include "TesseraSIMDLoops.h"

const tessera_simd_loop *_Nonnull tessera_simd_extremum_loops(intptr_t *_Nonnull count);

#endif
