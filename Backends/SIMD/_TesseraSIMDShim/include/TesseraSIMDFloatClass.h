#ifndef TESSERA_SIMD_FLOAT_CLASS_H
#define TESSERA_SIMD_FLOAT_CLASS_H

#include "TesseraSIMDLoops.h"

const tessera_simd_loop *_Nonnull tessera_simd_float_class_loops(intptr_t *_Nonnull count);

#endif
