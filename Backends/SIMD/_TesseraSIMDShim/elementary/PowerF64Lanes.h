// float64 power's lean kernel (Power.c's te_powlog, te_pow_times and exp's
// te_exp_f64_table_core without the special cases) written once on TE_PL_W lanes with
// the compiler's vector extensions; Power.c includes this once per instruction set with
//   TE_PL_W       the lane count (4: AVX2, 8: AVX-512),
//   TE_PL_ATTR    the target attribute,
//   TE_PL_EXPGET  the 16-entry lookup of exp's table (a two-source permute at AVX-512,
//                 where 16 doubles are two registers; a gather at AVX2),
//   TE_PL_ROWS    the lookup of the 128-row logarithm table: (i, invc, lch, lcl),
//   TE_PL_ALL     whether every lane of a comparison's mask is set,
//   TE_PL_EXPONENT  (double)((int64_t)tmp >> 52) (AVX-512 has the conversion; AVX2 goes
//                 through the bits as te_powlog does).
// The operations, and so the results, are those of the per-element kernel.
#define TE_PL_CAT2(a, b) a##b
#define TE_PL_CAT(a, b) TE_PL_CAT2(a, b)
#define TE_PL_V TE_PL_CAT(te_pl_vd, TE_PL_W)
#define TE_PL_U TE_PL_CAT(te_pl_vu, TE_PL_W)
#define TE_PL_I TE_PL_CAT(te_pl_vi, TE_PL_W)
typedef double TE_PL_V __attribute__((vector_size(8 * TE_PL_W)));
typedef uint64_t TE_PL_U __attribute__((vector_size(8 * TE_PL_W)));
typedef int64_t TE_PL_I __attribute__((vector_size(8 * TE_PL_W)));
#define TE_PL_FMA __builtin_elementwise_fma

// x^y on TE_PL_W lanes; *bad is nonzero when some lane is not for the lean kernel (x
// not positive, normal and finite, y log x not finite or |y log x| >= 708).
static TE_PL_ATTR inline __attribute__((always_inline)) TE_PL_V
TE_PL_CAT(te_power_f64_lanes, TE_PL_W)(const double *xp, TE_PL_V x, TE_PL_V y, const int S, int *bad) {
    // log x (te_powlog)
    TE_PL_U ix = (TE_PL_U)x;
    TE_PL_U tmp = ix - TE_POWLOG_OFF;
    TE_PL_V k = TE_PL_EXPONENT(tmp);
    TE_PL_V z = (TE_PL_V)(ix - (tmp & 0xfff0000000000000ULL));
    TE_PL_V invc, lch, lcl;
    TE_PL_ROWS(xp, S, invc, lch, lcl);
    TE_PL_V r = TE_PL_FMA(z, invc, -1.0 + (TE_PL_V){});
    TE_PL_V sh = r * r;
    TE_PL_V sl = TE_PL_FMA(r, r, -sh);
    TE_PL_V a = TE_PL_FMA(k, TE_POWLOG_LN2_HI + (TE_PL_V){}, lch);
    TE_PL_V b = a + r;
    TE_PL_V be = (a - b) + r;
    TE_PL_V h = -0.5 * sh;
    TE_PL_V c = b + h;
    TE_PL_V ce = (b - c) + h;
    TE_PL_V s2 = r * r;
#define TE_PL_C(v) ((v) + (TE_PL_V){})
    TE_PL_V p01 = TE_PL_FMA(TE_PL_C(TE_POWLOG_P_C1), r, TE_PL_C(TE_POWLOG_P_C0));
    TE_PL_V p23 = TE_PL_FMA(TE_PL_C(TE_POWLOG_P_C3), r, TE_PL_C(TE_POWLOG_P_C2));
    TE_PL_V p45 = TE_PL_FMA(TE_PL_C(TE_POWLOG_P_C5), r, TE_PL_C(TE_POWLOG_P_C4));
    TE_PL_V p = TE_PL_FMA(TE_PL_FMA(p45, s2, p23), s2, p01);
    TE_PL_V lo = TE_PL_FMA(k, TE_PL_C(TE_POWLOG_LN2_LO), lcl) + (be + ce);
    lo = TE_PL_FMA(TE_PL_C(-0.5), sl, lo);
    lo = TE_PL_FMA(s2 * r, p, lo);
    // y log x (te_pow_times)
    TE_PL_V wh = y * c;
    TE_PL_V wl = TE_PL_FMA(y, lo, TE_PL_FMA(y, c, -wh));
    TE_PL_I okx = (x >= 0x1p-1022) & (x < __builtin_inf());
    TE_PL_I ok = okx & (__builtin_elementwise_abs(wh) < 708.0);
    *bad = !TE_PL_ALL(ok);
    // e^(wh + wl) (te_exp_f64_table_core with has_low = 1, full = 0)
    TE_PL_V kd = TE_PL_FMA(wh + wl, TE_PL_C(TE_EXP_N_OVER_LN2), TE_PL_C(TE_ROUND_MAGIC));
    TE_PL_V n = kd - TE_ROUND_MAGIC;
    TE_PL_V t = TE_PL_FMA(-n, TE_PL_C(TE_EXP_LN2_N_HI), wh);
    t = TE_PL_FMA(-n, TE_PL_C(TE_EXP_LN2_N_LO), t);
    t = t + wl;
    TE_PL_U ki = (TE_PL_U)kd;
    TE_PL_V rel = TE_PL_EXPGET(te_exp_table_rel, ki);
    TE_PL_U hi = (TE_PL_U)TE_PL_EXPGET((const double *)te_exp_table_hi, ki);
    TE_PL_V t2 = t * t;
    TE_PL_V ea = TE_PL_FMA(TE_PL_C(TE_EXP_T_C3), t, TE_PL_C(TE_EXP_T_C2));
    TE_PL_V eb = TE_PL_FMA(TE_PL_C(TE_EXP_T_C5), t, TE_PL_C(TE_EXP_T_C4));
    TE_PL_V ec = TE_PL_FMA(TE_PL_C(TE_EXP_T_C7), t, TE_PL_C(TE_EXP_T_C6));
    TE_PL_V ep = TE_PL_FMA(TE_PL_FMA(ec, t2, eb), t2, ea);
    TE_PL_V e = TE_PL_FMA(ep, t2, t + rel);
    TE_PL_V s = (TE_PL_V)(hi + (ki << (52 - TE_EXP_TABLE_BITS)));
#undef TE_PL_C
    return TE_PL_FMA(s, e, s);
}
#undef TE_PL_V
#undef TE_PL_U
#undef TE_PL_I
