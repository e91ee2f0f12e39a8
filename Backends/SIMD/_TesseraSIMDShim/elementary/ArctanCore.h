// The arctan evaluations shared by arctan and arctan2: float32's polynomial on [-1, 1]
// (evaluated in double) and float64's quotient form, off + arctan((nh + nl)/(dh + dl)).
#ifndef TESSERA_ARCTAN_CORE_H
#define TESSERA_ARCTAN_CORE_H

#include "ElementaryCommon.h"
#include "ElementaryCoreTables.h"

// arctan t for |t| <= 1: t times a minimax polynomial in t^2 (relative error 5e-11).
// Both arctan polynomials have twelve coefficients in z = t^2, evaluated by one Estrin
// scheme; PREFIX names the coefficients (PREFIX_C0 ... PREFIX_C11).
#define TE_ARCTAN_ESTRIN12(NAME, PREFIX)                                       \
    TE_INLINE double NAME(double z) {                                         \
        double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;                        \
        double p01 = te_mla(PREFIX##_C1, z, PREFIX##_C0);                     \
        double p23 = te_mla(PREFIX##_C3, z, PREFIX##_C2);                     \
        double p45 = te_mla(PREFIX##_C5, z, PREFIX##_C4);                     \
        double p67 = te_mla(PREFIX##_C7, z, PREFIX##_C6);                     \
        double p89 = te_mla(PREFIX##_C9, z, PREFIX##_C8);                     \
        double p1011 = te_mla(PREFIX##_C11, z, PREFIX##_C10);                 \
        double p03 = te_mla(p23, z2, p01);                                    \
        double p47 = te_mla(p67, z2, p45);                                    \
        double p811 = te_mla(p1011, z2, p89);                                 \
        return te_mla(p811, z8, te_mla(p47, z4, p03));                        \
    }
TE_ARCTAN_ESTRIN12(te_arctan_series_f32, TE_F32_ATAN)
TE_ARCTAN_ESTRIN12(te_arctan_series_f64, TE_F64_ATAN)

TE_INLINE double te_arctan_poly_f32(double t) {
    return t * te_arctan_series_f32(t * t);
}

// (off_hi + off_lo) + arctan t for t = (nh + nl)/(dh + dl), |t| <= tan(pi/8) (a little
// more), |off_hi| >= |t| or off_hi = 0, dh finite and nonzero. The quotient is kept as
// th + tl (the remainder formed by a fused multiply-add), arctan t = t + t^3 Q(t^2), and
// the only large rounding is the final sum, with off_hi + th summed exactly.
TE_INLINE double te_arctan_f64_quotient(double nh, double nl, double dh, double dl, double off_hi, double off_lo) {
    double inv = 1.0 / dh;
    double th = nh * inv;
    double res = te_fma(-th, dh, nh) + te_mla(-th, dl, nl);
    double tl = res * inv;
    double z = th * th;
    double Q = te_arctan_series_f64(z);
    double s = off_hi + th;
    double e = th - (s - off_hi);
    double small = te_mla(th * z, Q, (e + off_lo) + te_mla(-tl, z, tl));
    return s + small;
}

#endif
