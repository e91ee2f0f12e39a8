// See include/TesseraLibm.h. Compiled for the baseline x86-64 target: no FMA contraction
// is possible, so the plain products in the integer-power path round like NumPy's.
#include "TesseraLibm.h"
#include <complex.h>
#include <math.h>
#include <string.h>

#define DEFINE_APPLY(NAME, STRUCT, CTYPE, SUFFIX)                                         \
    STRUCT NAME(tessera_complex_function function, STRUCT z) {                            \
        CTYPE c;                                                                           \
        memcpy(&c, &z, sizeof c);                                                          \
        switch (function) {                                                                \
        case TESSERA_CSQRT: c = csqrt##SUFFIX(c); break;                                   \
        case TESSERA_CEXP: c = cexp##SUFFIX(c); break;                                     \
        case TESSERA_CLOG: c = clog##SUFFIX(c); break;                                     \
        case TESSERA_CSIN: c = csin##SUFFIX(c); break;                                     \
        case TESSERA_CCOS: c = ccos##SUFFIX(c); break;                                     \
        case TESSERA_CTAN: c = ctan##SUFFIX(c); break;                                     \
        case TESSERA_CASIN: c = casin##SUFFIX(c); break;                                   \
        case TESSERA_CACOS: c = cacos##SUFFIX(c); break;                                   \
        case TESSERA_CATAN: c = catan##SUFFIX(c); break;                                   \
        case TESSERA_CSINH: c = csinh##SUFFIX(c); break;                                   \
        case TESSERA_CCOSH: c = ccosh##SUFFIX(c); break;                                   \
        case TESSERA_CTANH: c = ctanh##SUFFIX(c); break;                                   \
        case TESSERA_CASINH: c = casinh##SUFFIX(c); break;                                 \
        case TESSERA_CACOSH: c = cacosh##SUFFIX(c); break;                                 \
        case TESSERA_CATANH: c = catanh##SUFFIX(c); break;                                 \
        }                                                                                  \
        STRUCT r;                                                                          \
        memcpy(&r, &c, sizeof r);                                                          \
        return r;                                                                          \
    }

DEFINE_APPLY(tessera_complex128_apply, tessera_complex128, double complex, )
DEFINE_APPLY(tessera_complex64_apply, tessera_complex64, float complex, f)

// Power: the special cases first, then small integer exponents by binary powering with
// plain products (re = ac − bd, im = ad + bc), then the C library's cpow.
#define DEFINE_POWER(NAME, STRUCT, REAL, CTYPE, SUFFIX)                                    \
    static STRUCT NAME##_multiply(STRUCT x, STRUCT y) {                                    \
        STRUCT r = { x.re * y.re - x.im * y.im, x.re * y.im + x.im * y.re };               \
        return r;                                                                          \
    }                                                                                      \
    /* Smith's algorithm, as NumPy's complex division. */                                  \
    static STRUCT NAME##_reciprocal(STRUCT y) {                                            \
        REAL br = y.re, bi = y.im, abr = fabs##SUFFIX(br), abi = fabs##SUFFIX(bi);         \
        STRUCT r;                                                                          \
        if (abr >= abi) {                                                                  \
            if (abr == 0 && abi == 0) {                                                    \
                r.re = 1 / abr; r.im = 0 / abi;                                            \
                return r;                                                                  \
            }                                                                              \
            REAL ratio = bi / br, scale = 1 / (br + bi * ratio);                           \
            r.re = (1 + 0 * ratio) * scale; r.im = (0 - 1 * ratio) * scale;                \
        } else {                                                                           \
            REAL ratio = br / bi, scale = 1 / (bi + br * ratio);                           \
            r.re = (1 * ratio + 0) * scale; r.im = (0 * ratio - 1) * scale;                \
        }                                                                                  \
        return r;                                                                          \
    }                                                                                      \
    STRUCT NAME(STRUCT a, STRUCT b) {                                                      \
        STRUCT one = { 1, 0 };                                                             \
        if (b.re == 0 && b.im == 0) return one;                                            \
        if (a.re == 0 && a.im == 0) {                                                      \
            STRUCT zero = { 0, 0 }, nan = { NAN, NAN };                                    \
            return b.re > 0 ? zero : nan;                                                  \
        }                                                                                  \
        if (b.im == 0 && b.re > -100 && b.re < 100 && (long)b.re == b.re) {                \
            long n = (long)b.re;                                                           \
            if (n == 1) return a;                                                          \
            if (n == 2) return NAME##_multiply(a, a);                                      \
            if (n == 3) return NAME##_multiply(a, NAME##_multiply(a, a));                  \
            long m = n < 0 ? -n : n, mask = 1;                                             \
            STRUCT result = one, p = a;                                                    \
            for (;;) {                                                                     \
                if (m & mask) result = NAME##_multiply(result, p);                         \
                mask <<= 1;                                                                \
                if (m < mask) break;                                                       \
                p = NAME##_multiply(p, p);                                                 \
            }                                                                              \
            return b.re < 0 ? NAME##_reciprocal(result) : result;                          \
        }                                                                                  \
        CTYPE x, y;                                                                        \
        memcpy(&x, &a, sizeof x);                                                          \
        memcpy(&y, &b, sizeof y);                                                          \
        x = cpow##SUFFIX(x, y);                                                            \
        STRUCT r;                                                                          \
        memcpy(&r, &x, sizeof r);                                                          \
        return r;                                                                          \
    }

DEFINE_POWER(tessera_complex128_power, tessera_complex128, double, double complex, )
DEFINE_POWER(tessera_complex64_power, tessera_complex64, float, float complex, f)
