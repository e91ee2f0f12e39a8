// The platform C library's complex elementary functions, for the scalar backend.
//
// NumPy's complex loops call C99's <complex.h> functions (npy_csin → csin, …) whenever
// the platform has them, which glibc does; Swift cannot import `double _Complex`, so this
// shim passes complex values as two-member structs (the same layout) and returns them the
// same way. With the same glibc underneath, the scalar backend's complex sqrt, exp, log,
// trigonometric and hyperbolic loops give NumPy's results bit for bit, special values and
// branch cuts included (C99 Annex G as glibc implements it).
#ifndef TESSERA_LIBM_H
#define TESSERA_LIBM_H

typedef struct { double re; double im; } tessera_complex128;
typedef struct { float re; float im; } tessera_complex64;

/// The unary complex functions, in the order the `function` argument names them.
typedef enum {
    TESSERA_CSQRT, TESSERA_CEXP, TESSERA_CLOG,
    TESSERA_CSIN, TESSERA_CCOS, TESSERA_CTAN,
    TESSERA_CASIN, TESSERA_CACOS, TESSERA_CATAN,
    TESSERA_CSINH, TESSERA_CCOSH, TESSERA_CTANH,
    TESSERA_CASINH, TESSERA_CACOSH, TESSERA_CATANH,
} tessera_complex_function;

/// `function(z)` in double precision (csqrt, cexp, …).
tessera_complex128 tessera_complex128_apply(tessera_complex_function function, tessera_complex128 z);
/// `function(z)` in single precision (csqrtf, cexpf, …).
tessera_complex64 tessera_complex64_apply(tessera_complex_function function, tessera_complex64 z);

/// NumPy's complex power (`npy_cpow`): a^0 = 1; 0^b = 0 for Re b > 0, else NaN+NaNj;
/// integer exponents |n| < 100 with no imaginary part by repeated plain multiplication
/// (a reciprocal by Smith's division for n < 0); everything else by C99 `cpow`.
tessera_complex128 tessera_complex128_power(tessera_complex128 a, tessera_complex128 b);
tessera_complex64 tessera_complex64_power(tessera_complex64 a, tessera_complex64 b);

#endif
