#ifndef TESSERA_SIMD_ARG_EXTREMUM_H
#define TESSERA_SIMD_ARG_EXTREMUM_H

#include "TesseraSIMDLoops.h"

/// `argmax`/`argmin` method loops (TesseraCore's ArrayMethod): `ufunc` names the method.
const tessera_simd_loop *_Nonnull tessera_simd_arg_extremum_loops(intptr_t *_Nonnull count);

#endif
