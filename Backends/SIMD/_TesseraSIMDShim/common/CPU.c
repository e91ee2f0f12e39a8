// Which instruction-set levels this CPU and OS can run. Clang's __builtin_cpu_supports
// reads CPUID once and also checks that the OS saves the wider registers (XCR0).
#include "TesseraSIMDLoops.h"

int tessera_simd_cpu_supports(int level) {
    __builtin_cpu_init();
    switch (level) {
    case TESSERA_SIMD_SSE2:
        return 1;
    case TESSERA_SIMD_AVX2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
    case TESSERA_SIMD_AVX512:
        return tessera_simd_cpu_supports(TESSERA_SIMD_AVX2) && __builtin_cpu_supports("avx512f")
            && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq")
            && __builtin_cpu_supports("avx512vl");
    default:
        return 0;
    }
}
