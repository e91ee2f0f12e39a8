// PowerF32.c's loop for SSE2, the x86-64 baseline (see TE_EACH_ISA in ElementaryCommon.h).
#define TE_SSE2_UNIT 1
#include "../PowerF32.c"
