// Vectorised quicksort of 32- and 64-bit signed integer keys (and of 64-bit keys that
// carry a 64-bit index, for argsort), at AVX2 and AVX-512, and of float64 at AVX2.
//
// - Pivot: the lower median of 16 keys spread over the run, sorted by the leaf network
//   (of 3 below 256 keys).
// - Partition in registers: every vector read is split into the lanes not above the
//   pivot and the lanes above it, which are written to the two ends of the run.
//   AVX-512 compresses each side into a register (vpcompress to memory is slow on
//   Zen 4) and writes the upper side with a masked store; AVX2 permutes the lanes with a
//   table indexed by the comparison's bit mask (below-or-equal lanes first), built once
//   from its definition by ts_quicksort_init, and writes the vector to both ends. Four
//   vectors from each end (one for short runs) are held in registers before anything is
//   written; then batches of four are read from the end with less free room (chosen
//   without a branch: it is as random as the data), each batch read before the previous
//   one is written, so the loads do not wait on the chain of counts that fixes the write
//   positions (measured on the Zen 4 machine: 10⁶ int64 at AVX2 from 14.9 to 12.1 ms).
//   The last batch read is held back too, so no write lands on unread data.
// - Duplicates: a partition that leaves everything at or below the pivot means the pivot
//   is the maximum; the run is partitioned again just below the pivot, which leaves a
//   block equal to the pivot (already in place) and the smaller rest.
// - Leaves (at most 64 keys at AVX2 for int64, 128 for float64 and 32-bit keys; 64 and 128 at
//   AVX-512) are sorted in registers by the smallest bitonic network that holds them,
//   padded with the largest key (lane-masked loads and stores for the partial vectors);
//   at AVX2 the keys sit in the registers by column, which spares most lane permutations.
//   The argsort's (key, index) leaves of at most 32 run the same networks with the
//   indices in a second set of vectors. Runs too short for the vector partition are
//   partitioned element by element.
// - Past 2·log2(n) levels the run is heapsorted, so the worst case is O(n log n).
//
// Callers map their elements to keys first (SortKernels.c).
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <immintrin.h>
#include <pthread.h>
#include "../common/Kernels.h"
#include "QuickSort.h"

// AVX2 lane permutations: entry m lists the lanes whose bit in m is clear, then those
// whose bit is set, as 32-bit lane numbers for vpermd.
static int32_t ts_perm64[16][8];
static int32_t ts_perm32[256][8];

static void ts_fill_permutations(void) {
    for (int m = 0; m < 256; m++) {
        int at = 0;
        for (int side = 0; side < 2; side++)
            for (int lane = 0; lane < 8; lane++)
                if (((m >> lane) & 1) == side) ts_perm32[m][at++] = lane;
    }
    for (int m = 0; m < 16; m++) {
        int at = 0;
        for (int side = 0; side < 2; side++)
            for (int lane = 0; lane < 4; lane++)
                if (((m >> lane) & 1) == side) {
                    ts_perm64[m][at++] = 2 * lane;
                    ts_perm64[m][at++] = 2 * lane + 1;
                }
    }
}

void ts_quicksort_init(void) {
    // Once per process: registries are installed on any thread, possibly while another
    // thread sorts with the tables.
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, ts_fill_permutations);
}

// Vectors read and written per step of the partition's main loop.
// (2 and 8 measured slower at AVX2: 10⁶ float64 13.5 and 12.3 ms against 11.7.)
#define TS_UNROLL 4
// The scalar parts, for keys of type K with optional indices of type L (NULL: none).
#define TS_SCALAR_PARTS(P, K, L, KMAX)                                                              \
    TS_INLINE void P##_swap(K *a, L *x, intptr_t i, intptr_t j) {                                   \
        K t = a[i]; a[i] = a[j]; a[j] = t;                                                          \
        if (x) { L u = x[i]; x[i] = x[j]; x[j] = u; }                                               \
    }                                                                                               \
    static void P##_heapsort(K *a, L *x, intptr_t n) {                                              \
        for (intptr_t start = n / 2; start-- > 0 || 0;) {                                           \
            for (intptr_t r = start; 2 * r + 1 < n;) {                                              \
                intptr_t c = 2 * r + 1;                                                             \
                if (c + 1 < n && a[c] < a[c + 1]) c++;                                              \
                if (!(a[r] < a[c])) break;                                                          \
                P##_swap(a, x, r, c); r = c;                                                        \
            }                                                                                       \
        }                                                                                           \
        for (intptr_t end = n - 1; end > 0; end--) {                                                \
            P##_swap(a, x, 0, end);                                                                 \
            for (intptr_t r = 0; 2 * r + 1 < end;) {                                                \
                intptr_t c = 2 * r + 1;                                                             \
                if (c + 1 < end && a[c] < a[c + 1]) c++;                                            \
                if (!(a[r] < a[c])) break;                                                          \
                P##_swap(a, x, r, c); r = c;                                                        \
            }                                                                                       \
        }                                                                                           \
    }                                                                                               \
    /* The median of 3 keys spread over a short run. */                                             \
    TS_INLINE K P##_pivot3(const K *a, intptr_t n) {                                                \
        K u = a[n / 4], v = a[n / 2], w = a[3 * n / 4];                                             \
        K lo = u < v ? u : v, hi = u < v ? v : u;                                                   \
        return w < lo ? lo : (w > hi ? hi : w);                                                     \
    }                                                                                               \
    /* Element-by-element partition: [0, k) <= p < [k, n). */                                      \
    TS_INLINE intptr_t P##_partition_scalar(K *a, L *x, intptr_t n, K p) {                          \
        intptr_t k = 0;                                                                             \
        for (intptr_t i = 0; i < n; i++) {                                                          \
            if (!(a[i] > p)) { P##_swap(a, x, i, k); k++; }                                         \
        }                                                                                           \
        return k;                                                                                   \
    }

// The vector partition and the quicksort driver. V lanes; STORE(ls, rs, v, xv, pv)
// writes one vector's lanes (keys v, indices xv) to the two ends and yields the number
// above the pivot.
#define TS_QUICKSORT(ATTR, P, S, K, L, KMIN, PRED, V, VT, LOAD, SET1, STORE, XVT, XLOAD, HASX, BASE, LEAF, LEAFX)                 \
    ATTR TS_INLINE intptr_t P##_partition(K *a, L *x, intptr_t n, K p) {                            \
        intptr_t left = 0, right = n;                                                               \
        for (intptr_t r = n % V; r > 0; r--) {                                                      \
            if (a[left] > p) S##_swap(a, x, left, --right); else left++;                            \
        }                                                                                           \
        VT pv = SET1(p);                                                                            \
        /* U vectors from each end are held back, so either end can take U vectors' writes. */   \
        const intptr_t hold = right - left >= 3 * TS_UNROLL * V ? TS_UNROLL : 1;                    \
        VT bl[TS_UNROLL], br[TS_UNROLL];                                                            \
        XVT xbl[TS_UNROLL], xbr[TS_UNROLL];                                                         \
        for (int i = 0; i < TS_UNROLL; i++) {                                                       \
            if (i < hold) {                                                                         \
                bl[i] = LOAD(a + left + i * V); xbl[i] = XLOAD(x, left + i * V);                    \
                br[i] = LOAD(a + right - (i + 1) * V); xbr[i] = XLOAD(x, right - (i + 1) * V);      \
            }                                                                                       \
        }                                                                                           \
        intptr_t ls = left, lr = left + hold * V, rr = right - hold * V, rs = right;                \
        /* Software-pipelined: the next U vectors are read before the current ones are     */   \
        /* written, so the read position (which hangs on the counts) is decided a batch     */   \
        /* ahead and the loads leave the chain of counts. The side with less free room is   */   \
        /* read; the last batch read is held back like the vectors above and written last.  */   \
        VT v[TS_UNROLL]; XVT xv[TS_UNROLL];                                                         \
        int pending = 0;                                                                            \
        if (hold == TS_UNROLL && rr - lr >= TS_UNROLL * V) {                                        \
            intptr_t fromLeft = lr - ls <= rs - rr;                                                 \
            intptr_t at = fromLeft ? lr : rr - TS_UNROLL * V;                                       \
            lr += fromLeft * (TS_UNROLL * V);                                                       \
            rr -= (1 - fromLeft) * (TS_UNROLL * V);                                                 \
            for (int i = 0; i < TS_UNROLL; i++) { v[i] = LOAD(a + at + i * V); xv[i] = XLOAD(x, at + i * V); } \
            pending = 1;                                                                            \
            while (rr - lr >= TS_UNROLL * V) {                                                      \
                /* Without a branch: which end is read next is as random as the data. */         \
                fromLeft = lr - ls <= rs - rr;                                                      \
                at = fromLeft ? lr : rr - TS_UNROLL * V;                                            \
                lr += fromLeft * (TS_UNROLL * V);                                                   \
                rr -= (1 - fromLeft) * (TS_UNROLL * V);                                             \
                VT w[TS_UNROLL]; XVT xw[TS_UNROLL];                                                 \
                for (int i = 0; i < TS_UNROLL; i++) { w[i] = LOAD(a + at + i * V); xw[i] = XLOAD(x, at + i * V); } \
                for (int i = 0; i < TS_UNROLL; i++) {                                               \
                    intptr_t above = STORE(a, x, ls, rs, v[i], xv[i], pv);                          \
                    ls += V - above; rs -= above;                                                   \
                }                                                                                   \
                for (int i = 0; i < TS_UNROLL; i++) { v[i] = w[i]; xv[i] = xw[i]; }                 \
            }                                                                                       \
        }                                                                                           \
        while (lr < rr) {                                                                           \
            intptr_t fromLeft = lr - ls <= rs - rr;                                                 \
            intptr_t at = fromLeft ? lr : rr - V;                                                   \
            lr += fromLeft * V;                                                                     \
            rr -= (1 - fromLeft) * V;                                                               \
            VT t = LOAD(a + at);                                                                    \
            XVT xt = XLOAD(x, at);                                                                  \
            intptr_t above = STORE(a, x, ls, rs, t, xt, pv);                                        \
            ls += V - above; rs -= above;                                                           \
        }                                                                                           \
        for (int i = 0; i < TS_UNROLL; i++) {                                                       \
            if (pending) {                                                                          \
                intptr_t above = STORE(a, x, ls, rs, v[i], xv[i], pv);                              \
                ls += V - above; rs -= above;                                                       \
            }                                                                                       \
        }                                                                                           \
        for (int i = 0; i < TS_UNROLL; i++) {                                                       \
            if (i < hold) {                                                                         \
                intptr_t above = STORE(a, x, ls, rs, bl[i], xbl[i], pv);                            \
                ls += V - above; rs -= above;                                                       \
                above = STORE(a, x, ls, rs, br[i], xbr[i], pv);                                     \
                ls += V - above; rs -= above;                                                       \
            }                                                                                       \
        }                                                                                           \
        return ls;                                                                                  \
    }                                                                                               \
    /* The pivot: for long runs the lower median of 16 keys spread over the run, sorted */     \
    /* by the leaf network (no branches to mispredict); of 3 for short runs.              */     \
    ATTR TS_INLINE K P##_pivot(const K *a, intptr_t n) {                                            \
        if (n < 256) return S##_pivot3(a, n);                                                       \
        K s[16];                                                                                    \
        intptr_t step = n / 16;                                                                     \
        for (int i = 0; i < 16; i++) s[i] = a[i * step + step / 2];                                 \
        LEAF(s, 16);                                                                                \
        return s[7];                                                                                \
    }                                                                                               \
    ATTR static void P##_sort(K *a, L *x, intptr_t n, int depth) {                                  \
        while (n > BASE) {                                                                       \
            if (depth-- <= 0) { S##_heapsort(a, x, n); return; }                                    \
            K p = P##_pivot(a, n);                                                                  \
            intptr_t k = n >= 3 * V ? P##_partition(a, x, n, p) : S##_partition_scalar(a, x, n, p); \
            if (k == n) {                                                                           \
                if (p == KMIN) return;                                                              \
                k = n >= 3 * V ? P##_partition(a, x, n, PRED(p)) : S##_partition_scalar(a, x, n, PRED(p)); \
                n = k;                                                                              \
                continue;                                                                           \
            }                                                                                       \
            if (k < n - k) {                                                                        \
                P##_sort(a, x, k, depth);                                                           \
                a += k; if (x) x += k; n -= k;                                                      \
            } else {                                                                                \
                P##_sort(a + k, x ? x + k : NULL, n - k, depth);                                    \
                n = k;                                                                              \
            }                                                                                       \
        }                                                                                           \
        if (HASX) LEAFX(a, x, n); else LEAF(a, n);                                                  \
    }

// The key below p: integers p − 1; floats (never NaN here) the next float down, so a
// run of keys equal to p (−0.0 and +0.0 both, for a zero pivot) is what is left above.
#define TS_PRED_INT(p) ((p) - 1)
TS_INLINE double ts_pred_f64(double p) {
    int64_t b;
    memcpy(&b, &p, sizeof b);
    b = p == 0 ? (int64_t)0x8000000000000001ull : (p > 0 ? b - 1 : b + 1);
    memcpy(&p, &b, sizeof b);
    return p;
}
#define TS_PRED_F64(p) ts_pred_f64(p)

TS_SCALAR_PARTS(ts_s64, int64_t, int64_t, INT64_MAX)
TS_SCALAR_PARTS(ts_s32, int32_t, int64_t, INT32_MAX)
TS_SCALAR_PARTS(ts_f64, double, int64_t, INFINITY)

static int ts_depth(intptr_t n) {
    int d = 0;
    while (n > 1) { n >>= 1; d++; }
    return 2 * d + 4;
}


// ---- The leaves in registers ----
// The widest AVX2 leaves, in vectors: 16 for 64-bit keys (64 keys; 8 measured 0.3–0.5 ms
// slower for 10⁶ float64 although 16 vectors spill), 8 for 32-bit keys (16 measured no
// faster before the column layout; 16 now measured 4.36 against 4.79 ms for 10⁶ int32).
#define TS_AVX2_R64 16
#define TS_AVX2_R32 16
// Float64 (minpd/maxpd, no blends for the whole-register layers): 32 (128 keys) measured
// 7.1 against 7.6 ms for 10⁶; int64 (compare and blend) no faster at 32, int32 slower.
#define TS_AVX2_RF64 32
// A bitonic sorting network on N = R·V keys held in R vectors, in the form whose
// comparators all put the smaller key at the lower position: merging sorted blocks of k
// into blocks of 2k first compares position p with its mirror p ^ (2k − 1), then p with
// p ^ j for j = k/2 … 1. Pairs in different vectors are whole-vector min/max (the
// mirror reverses the lanes of the upper vector); pairs within a vector compare the
// vector with a lane permutation of itself and keep the minimum in the lower lanes.
typedef int64_t ts_q4 __attribute__((vector_size(32)));
typedef int32_t ts_d8 __attribute__((vector_size(32)));
typedef int64_t ts_q8 __attribute__((vector_size(64)));
typedef int32_t ts_d16 __attribute__((vector_size(64)));
typedef double ts_pd4 __attribute__((vector_size(32)));

#define TS_X4(v, m) __builtin_shufflevector(v, v, 0 ^ (m), 1 ^ (m), 2 ^ (m), 3 ^ (m))
#define TS_X8(v, m) __builtin_shufflevector(v, v, 0 ^ (m), 1 ^ (m), 2 ^ (m), 3 ^ (m), 4 ^ (m), 5 ^ (m), 6 ^ (m), 7 ^ (m))
#define TS_X16(v, m) __builtin_shufflevector(v, v, 0 ^ (m), 1 ^ (m), 2 ^ (m), 3 ^ (m), 4 ^ (m), 5 ^ (m), 6 ^ (m), 7 ^ (m), \
    8 ^ (m), 9 ^ (m), 10 ^ (m), 11 ^ (m), 12 ^ (m), 13 ^ (m), 14 ^ (m), 15 ^ (m))

// Lane permutation l -> l ^ m for the masks a network on V lanes uses (m < V).
#define TS_XOR_FN(ATTR, NAME, VT, X)                                                  \
    ATTR TS_INLINE VT NAME(VT v, int m) {                                             \
        switch (m) {                                                                  \
        case 1: return X(v, 1);                                                       \
        case 2: return X(v, 2);                                                       \
        case 3: return X(v, 3);                                                       \
        case 4: return X(v, 4 % (int)(sizeof(VT) / sizeof(v[0])));                    \
        case 7: return X(v, 7 % (int)(sizeof(VT) / sizeof(v[0])));                    \
        case 8: return X(v, 8 % (int)(sizeof(VT) / sizeof(v[0])));                    \
        default: return X(v, 15 % (int)(sizeof(VT) / sizeof(v[0])));                 \
        }                                                                             \
    }

// The comparator helpers of a network on vectors of type VT with V lanes.
// BLEND(no, yes, mask) takes `yes` in the lanes whose mask is all ones, `no` elsewhere
// (one vpblendvb at AVX2, where Clang does not find it in and/andnot/or). MINMAX: the
// ISA has a vector minimum and maximum of the key type (all but 64-bit integers at AVX2):
// MIN(x, y) and MAX(x, y) give y when x and y compare equal (as x86's minpd/maxpd do), so
// for −0.0 and +0.0 the pair keeps both.
#define TS_LEAF_PARTS(ATTR, P, V, VT, XOR, BLEND, MINMAX, MIN, MAX)                                                  \
    ATTR TS_INLINE void P##_minmax(VT *lo, VT *hi) {                                              \
        VT x = *lo, y = *hi;                                                                      \
        if (MINMAX) {                                                                             \
            *lo = MIN(x, y);                                                                      \
            *hi = MAX(y, x);                                                                      \
        } else {                                                                                  \
            VT gt = (VT)(x > y);                                                                  \
            *lo = BLEND(x, y, gt);                                                                \
            *hi = BLEND(y, x, gt);                                                                \
        }                                                                                         \
    }                                                                                             \
    /* Within each vector: lane l against lane l ^ m, the minimum to the lane without bit  */  \
    /* `low` set (low = m for the xor steps, the block size k for a mirror). A lane takes  */  \
    /* its partner's key when that key belongs there: smaller for the lower lane, larger   */  \
    /* for the upper one (equal keys are the same bits, so either is right).               */  \
    ATTR TS_INLINE VT P##_inside(VT v, int m, int low) {                                          \
        VT p = XOR(v, m);                                                                         \
        VT upper;                                                                                 \
        for (int l = 0; l < V; l++) upper[l] = (l & low) ? -1 : 0;                                \
        if (MINMAX) return BLEND(MIN(v, p), MAX(v, p), upper);                                    \
        return BLEND(v, p, (VT)((v > p) ^ (upper < 0)));                                          \
    }

// A bitonic sorting network on N = R·V keys held in R vectors (R a power of two) for runs
// of at most N keys: the lanes past n are read as KMAX and never written back
// (LOADPART/STOREPART: the first m lanes).
#define TS_LEAF(ATTR, P, NAME, K, V, VT, R, KMAX, XOR, LOADPART, STOREPART)                        \
    ATTR TS_INLINE void P##_##NAME(K *a, intptr_t n) {                                            \
        enum { N = R * V };                                                                       \
        VT r[R];                                                                                  \
        /* n > N / 2 when R > 1 (the dispatch takes the smallest network): the first half  */ \
        /* is full and the rest is read with lane masks, without branches that would make */ \
        /* the compiler shuffle registers between paths.                                    */ \
        for (int i = 0; i < R; i++) {                                                             \
            if (2 * i + 1 < R) {                                                                    \
                memcpy(&r[i], a + i * V, sizeof(VT));                                             \
            } else {                                                                              \
                intptr_t m = n - i * V;                                                           \
                r[i] = LOADPART(a + i * V, m < 0 ? 0 : (m > V ? V : m));                          \
            }                                                                                     \
        }                                                                                         \
        _Pragma("clang loop unroll(full)") for (int k = 1; k < N; k <<= 1) {                      \
            if (2 * k <= V) {                                                                     \
                for (int i = 0; i < R; i++) r[i] = P##_inside(r[i], 2 * k - 1, k);                \
            } else {                                                                              \
                int span = 2 * k / V;                                                             \
                for (int i = 0; i < R; i++) {                                                     \
                    int partner = i ^ (span - 1);                                                 \
                    if (partner > i) {                                                            \
                        VT hi = XOR(r[partner], V - 1);                                           \
                        P##_minmax(&r[i], &hi);                                                   \
                        r[partner] = XOR(hi, V - 1);                                              \
                    }                                                                             \
                }                                                                                 \
            }                                                                                     \
            _Pragma("clang loop unroll(full)") for (int j = k / 2; j >= 1; j >>= 1) {             \
                if (j < V) {                                                                      \
                    for (int i = 0; i < R; i++) r[i] = P##_inside(r[i], j, j);                    \
                } else {                                                                          \
                    for (int i = 0; i < R; i++) {                                                 \
                        int partner = i ^ (j / V);                                                \
                        if (partner > i) P##_minmax(&r[i], &r[partner]);                          \
                    }                                                                             \
                }                                                                                 \
            }                                                                                     \
        }                                                                                         \
        for (int i = 0; i < R; i++) {                                                             \
            if ((i + 1) * V <= n) memcpy(a + i * V, &r[i], sizeof(VT));                           \
            else if (i * V < n) STOREPART(a + i * V, r[i], n - i * V);                            \
        }                                                                                         \
    }

// The leaf of a run of n ≤ RMAX·V keys: the smallest network that holds it.
#define TS_LEAF_SIZES(ATTR, P, K, V, VT, RMAX, KMAX, XOR, BLEND, MINMAX, MIN, MAX, LOADPART, STOREPART)                    \
    TS_LEAF_PARTS(ATTR, P, V, VT, XOR, BLEND, MINMAX, MIN, MAX)                                                          \
    TS_LEAF(ATTR, P, leaf1, K, V, VT, 1, KMAX, XOR, LOADPART, STOREPART)                          \
    TS_LEAF(ATTR, P, leaf2, K, V, VT, 2, KMAX, XOR, LOADPART, STOREPART)                          \
    TS_LEAF(ATTR, P, leaf4, K, V, VT, 4, KMAX, XOR, LOADPART, STOREPART)                          \
    TS_LEAF(ATTR, P, leaf8, K, V, VT, 8, KMAX, XOR, LOADPART, STOREPART)                          \
    TS_LEAF(ATTR, P, leaf16, K, V, VT, 16, KMAX, XOR, LOADPART, STOREPART)                        \
    ATTR TS_INLINE void P##_leaf(K *a, intptr_t n) {                                              \
        if (n <= 0) return;                                                                       \
        if (n <= V) P##_leaf1(a, n);                                                              \
        else if (n <= 2 * V) P##_leaf2(a, n);                                                     \
        else if (n <= 4 * V) P##_leaf4(a, n);                                                     \
        else if (n <= 8 * V || RMAX < 16) P##_leaf8(a, n);                                        \
        else P##_leaf16(a, n);                                                                    \
    }

TS_XOR_FN(TS_ATTR_avx2, ts_xor_q4, ts_q4, TS_X4)
TS_XOR_FN(TS_ATTR_avx2, ts_xor_d8, ts_d8, TS_X8)
TS_XOR_FN(TS_ATTR_avx2, ts_xor_pd4, ts_pd4, TS_X4)
TS_XOR_FN(TS_ATTR_avx512, ts_xor_q8, ts_q8, TS_X8)
TS_XOR_FN(TS_ATTR_avx512, ts_xor_d16, ts_d16, TS_X16)
// The first m lanes (0 < m < V) of a vector at p; the other lanes read as the largest key.
TS_ATTR_avx2 TS_INLINE ts_q4 ts_avx2_load_part64(const int64_t *p, intptr_t m) {
    __m256i lanes = _mm256_cmpgt_epi64(_mm256_set1_epi64x(m), _mm256_setr_epi64x(0, 1, 2, 3));
    return (ts_q4)_mm256_blendv_epi8(_mm256_set1_epi64x(INT64_MAX), _mm256_maskload_epi64((const long long *)p, lanes), lanes);
}
TS_ATTR_avx2 TS_INLINE void ts_avx2_store_part64(int64_t *p, ts_q4 v, intptr_t m) {
    __m256i lanes = _mm256_cmpgt_epi64(_mm256_set1_epi64x(m), _mm256_setr_epi64x(0, 1, 2, 3));
    _mm256_maskstore_epi64((long long *)p, lanes, (__m256i)v);
}
TS_ATTR_avx2 TS_INLINE ts_d8 ts_avx2_load_part32(const int32_t *p, intptr_t m) {
    __m256i lanes = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)m), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    return (ts_d8)_mm256_blendv_epi8(_mm256_set1_epi32(INT32_MAX), _mm256_maskload_epi32((const int *)p, lanes), lanes);
}
TS_ATTR_avx2 TS_INLINE void ts_avx2_store_part32(int32_t *p, ts_d8 v, intptr_t m) {
    __m256i lanes = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)m), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    _mm256_maskstore_epi32((int *)p, lanes, (__m256i)v);
}
TS_ATTR_avx512 TS_INLINE ts_q8 ts_avx512_load_part64(const int64_t *p, intptr_t m) {
    return (ts_q8)_mm512_mask_loadu_epi64(_mm512_set1_epi64(INT64_MAX), (__mmask8)((1u << m) - 1), p);
}
TS_ATTR_avx512 TS_INLINE void ts_avx512_store_part64(int64_t *p, ts_q8 v, intptr_t m) {
    _mm512_mask_storeu_epi64(p, (__mmask8)((1u << m) - 1), (__m512i)v);
}
TS_ATTR_avx512 TS_INLINE ts_d16 ts_avx512_load_part32(const int32_t *p, intptr_t m) {
    return (ts_d16)_mm512_mask_loadu_epi32(_mm512_set1_epi32(INT32_MAX), (__mmask16)((1u << m) - 1), p);
}
TS_ATTR_avx512 TS_INLINE void ts_avx512_store_part32(int32_t *p, ts_d16 v, intptr_t m) {
    _mm512_mask_storeu_epi32(p, (__mmask16)((1u << m) - 1), (__m512i)v);
}

TS_ATTR_avx2 TS_INLINE ts_pd4 ts_avx2_load_partf64(const double *p, intptr_t m) {
    __m256i lanes = _mm256_cmpgt_epi64(_mm256_set1_epi64x(m), _mm256_setr_epi64x(0, 1, 2, 3));
    return (ts_pd4)_mm256_blendv_pd(_mm256_set1_pd(INFINITY), _mm256_maskload_pd(p, lanes), _mm256_castsi256_pd(lanes));
}
TS_ATTR_avx2 TS_INLINE void ts_avx2_store_partf64(double *p, ts_pd4 v, intptr_t m) {
    __m256i lanes = _mm256_cmpgt_epi64(_mm256_set1_epi64x(m), _mm256_setr_epi64x(0, 1, 2, 3));
    _mm256_maskstore_pd(p, lanes, (__m256d)v);
}

#define TS_BLEND_AVX2(VT, no, yes, mask) (VT) _mm256_blendv_epi8((__m256i)(no), (__m256i)(yes), (__m256i)(mask))
#define TS_BLEND_q4(no, yes, mask) TS_BLEND_AVX2(ts_q4, no, yes, mask)
#define TS_BLEND_d8(no, yes, mask) TS_BLEND_AVX2(ts_d8, no, yes, mask)
#define TS_BLEND_VX(no, yes, mask) (((yes) & (mask)) | ((no) & ~(mask)))
#define TS_EMIN(x, y) __builtin_elementwise_min(x, y)
#define TS_EMAX(x, y) __builtin_elementwise_max(x, y)
#define TS_BLEND_pd4(no, yes, mask) (ts_pd4) _mm256_blendv_pd((__m256d)(no), (__m256d)(yes), (__m256d)(mask))
#define TS_MIN_pd4(x, y) (ts_pd4) _mm256_min_pd((__m256d)(x), (__m256d)(y))
#define TS_MAX_pd4(x, y) (ts_pd4) _mm256_max_pd((__m256d)(x), (__m256d)(y))
// The AVX2 leaves run the same bitonic network with the keys laid out by column: network
// position p sits in register p % R, lane p / R. Then every comparator layer whose pair
// distance is below R pairs whole registers lane by lane (a minimum and a maximum, no lane
// permutation), and only the layers of distance R and more compare lanes within or
// across registers; at the end a transpose of blocks of registers puts the sorted keys in
// memory order. (Row layout, position p in register p / V: most layers permute lanes.)
// The unsorted keys may go to any position, so the run is read into registers as it lies.
#define TS_ZIPLO4(x, y) __builtin_shufflevector(x, y, 0, 4, 1, 5)
#define TS_ZIPHI4(x, y) __builtin_shufflevector(x, y, 2, 6, 3, 7)
#define TS_ZIPLO8(x, y) __builtin_shufflevector(x, y, 0, 8, 1, 9, 2, 10, 3, 11)
#define TS_ZIPHI8(x, y) __builtin_shufflevector(x, y, 4, 12, 5, 13, 6, 14, 7, 15)
#define TS_HIGHBIT(m) (1 << (31 - __builtin_clz((unsigned)(m))))

#define TS_CLEAF_PARTS(ATTR, P, V, VT, XOR, BLEND, MINMAX, MIN, MAX)                                \
    /* mn, mx: the pair's smaller and larger keys; for equal keys each of x, y goes to one */   \
    /* of them (−0.0 and +0.0 both stay).                                                 */   \
    ATTR TS_INLINE void P##_cmm(VT x, VT y, VT *mn, VT *mx) {                                     \
        if (MINMAX) {                                                                             \
            *mn = MIN(x, y);                                                                      \
            *mx = MAX(y, x);                                                                      \
        } else {                                                                                  \
            VT gt = (VT)(x > y);                                                                  \
            *mn = BLEND(x, y, gt);                                                                \
            *mx = BLEND(y, x, gt);                                                                \
        }                                                                                         \
    }                                                                                             \
    /* One layer of comparators: position p against p ^ m, the smaller key to the lower   */   \
    /* position (the one without m's highest bit). m's register part s = m % R pairs    */   \
    /* registers, its lane part t = m / R pairs lanes.                                    */   \
    ATTR TS_INLINE void P##_clayer(VT *r, const int R, const int m) {                             \
        const int s = m % R, t = m / R;                                                           \
        if (t == 0) {                                                                             \
            const int hs = TS_HIGHBIT(s);                                                         \
            _Pragma("clang loop unroll(full)") for (int i = 0; i < R; i++) {                      \
                if (!(i & hs)) P##_cmm(r[i], r[i ^ s], &r[i], &r[i ^ s]);                         \
            }                                                                                     \
            return;                                                                               \
        }                                                                                         \
        const int ht = TS_HIGHBIT(t);                                                             \
        VT upper;                                                                                 \
        for (int l = 0; l < V; l++) upper[l] = (l & ht) ? -1 : 0;                                 \
        if (s == 0) {                                                                             \
            /* Lanes l and l ^ t of one register: for equal keys the lower lane takes the    */   \
            /* upper one's and the upper lane the lower one's (both operands in one order).   */   \
            _Pragma("clang loop unroll(full)") for (int i = 0; i < R; i++) {                      \
                VT p = XOR(r[i], t), mn, mx;                                                      \
                if (MINMAX) { mn = MIN(r[i], p); mx = MAX(r[i], p); }                             \
                else P##_cmm(r[i], p, &mn, &mx);                                                  \
                r[i] = BLEND(mn, mx, upper);                                                      \
            }                                                                                     \
            return;                                                                               \
        }                                                                                         \
        /* Both parts (the mirrors of blocks wider than R): the lane decides which of the */   \
        /* pair is lower, so each register keeps the minimum in its lower lanes.           */   \
        const int hs = TS_HIGHBIT(s);                                                             \
        _Pragma("clang loop unroll(full)") for (int i = 0; i < R; i++) {                          \
            if (!(i & hs)) {                                                                      \
                VT mn, mx;                                                                        \
                P##_cmm(r[i], XOR(r[i ^ s], t), &mn, &mx);                                        \
                r[i ^ s] = XOR(BLEND(mx, mn, upper), t);                                          \
                r[i] = BLEND(mn, mx, upper);                                                      \
            }                                                                                     \
        }                                                                                         \
    }

// The network on N = R·V keys in column layout for runs of at most N keys (lanes past n
// read as the largest key and are never written back). The transpose works on groups of
// G = min(R, V) registers, log2(G) rounds of interleaving pairs: group b's output L is
// memory vector L·(R / G) + b.
#define TS_CLEAF(ATTR, P, NAME, K, V, VT, R, ZIPLO, ZIPHI, LOADPART, STOREPART)                    \
    ATTR TS_INLINE void P##_##NAME(K *a, intptr_t n) {                                            \
        enum { N = R * V, G = R < V ? R : V, H = R > 8 ? 8 : R };                                 \
        VT r[R];                                                                                  \
        /* Layers that pair registers less than H apart run group by group of H registers, */  \
        /* each group read just before, so that no more than H keys' vectors are live     */  \
        /* there (16 at once spill). */                                                           \
        _Pragma("clang loop unroll(full)") for (int g = 0; g < R / H; g++) {                      \
            for (int i = g * H; i < (g + 1) * H; i++) {                                           \
                if (2 * i + 1 < R) {                                                              \
                    memcpy(&r[i], a + i * V, sizeof(VT));                                         \
                } else {                                                                          \
                    intptr_t m = n - i * V;                                                       \
                    r[i] = LOADPART(a + i * V, m < 0 ? 0 : (m > V ? V : m));                      \
                }                                                                                 \
            }                                                                                     \
            _Pragma("clang loop unroll(full)") for (int k = 1; 2 * k <= H; k <<= 1) {             \
                P##_clayer(r + g * H, H, 2 * k - 1);                                              \
                _Pragma("clang loop unroll(full)") for (int j = k / 2; j >= 1; j >>= 1) P##_clayer(r + g * H, H, j); \
            }                                                                                     \
        }                                                                                         \
        _Pragma("clang loop unroll(full)") for (int k = H; k < N; k <<= 1) {                      \
            P##_clayer(r, R, 2 * k - 1);                                                          \
            _Pragma("clang loop unroll(full)") for (int j = k / 2; j >= H; j >>= 1) P##_clayer(r, R, j); \
            _Pragma("clang loop unroll(full)") for (int g = 0; g < R / H; g++) {                  \
                _Pragma("clang loop unroll(full)") for (int j = (k / 2 < H / 2 ? k / 2 : H / 2); j >= 1; j >>= 1) \
                    P##_clayer(r + g * H, H, j);                                                  \
            }                                                                                     \
        }                                                                                         \
        _Pragma("clang loop unroll(full)") for (int b = 0; b < R / G; b++) {                      \
            VT g[G];                                                                              \
            for (int i = 0; i < G; i++) g[i] = r[b * G + i];                                      \
            _Pragma("clang loop unroll(full)") for (int round = 1; round < G; round <<= 1) {      \
                VT h[G];                                                                          \
                for (int i = 0; i < G / 2; i++) {                                                 \
                    h[2 * i] = ZIPLO(g[i], g[i + G / 2]);                                         \
                    h[2 * i + 1] = ZIPHI(g[i], g[i + G / 2]);                                     \
                }                                                                                 \
                for (int i = 0; i < G; i++) g[i] = h[i];                                          \
            }                                                                                     \
            for (int l = 0; l < G; l++) {                                                         \
                intptr_t c = l * (R / G) + b;                                                     \
                if ((c + 1) * V <= n) memcpy(a + c * V, &g[l], sizeof(VT));                       \
                else if (c * V < n) STOREPART(a + c * V, g[l], n - c * V);                        \
            }                                                                                     \
        }                                                                                         \
    }

#define TS_CLEAF_SIZES(ATTR, P, K, V, VT, RMAX, XOR, BLEND, MINMAX, MIN, MAX, ZIPLO, ZIPHI, LOADPART, STOREPART) \
    TS_CLEAF_PARTS(ATTR, P, V, VT, XOR, BLEND, MINMAX, MIN, MAX)                                  \
    TS_CLEAF(ATTR, P, leaf1, K, V, VT, 1, ZIPLO, ZIPHI, LOADPART, STOREPART)                      \
    TS_CLEAF(ATTR, P, leaf2, K, V, VT, 2, ZIPLO, ZIPHI, LOADPART, STOREPART)                      \
    TS_CLEAF(ATTR, P, leaf4, K, V, VT, 4, ZIPLO, ZIPHI, LOADPART, STOREPART)                      \
    TS_CLEAF(ATTR, P, leaf8, K, V, VT, 8, ZIPLO, ZIPHI, LOADPART, STOREPART)                      \
    TS_CLEAF(ATTR, P, leaf16, K, V, VT, 16, ZIPLO, ZIPHI, LOADPART, STOREPART)                    \
    TS_CLEAF(ATTR, P, leaf32, K, V, VT, 32, ZIPLO, ZIPHI, LOADPART, STOREPART)                    \
    ATTR TS_INLINE void P##_leaf(K *a, intptr_t n) {                                              \
        if (n <= 0) return;                                                                       \
        if (n <= V) P##_leaf1(a, n);                                                              \
        else if (n <= 2 * V) P##_leaf2(a, n);                                                     \
        else if (n <= 4 * V) P##_leaf4(a, n);                                                     \
        else if (n <= 8 * V || RMAX < 16) P##_leaf8(a, n);                                        \
        else if (RMAX < 32 || n <= 16 * V) P##_leaf16(a, n); /* constant: no leaf32 code */     \
        else P##_leaf32(a, n);                                                                    \
    }

TS_CLEAF_SIZES(TS_ATTR_avx2, ts_avx2_l64, int64_t, 4, ts_q4, TS_AVX2_R64, ts_xor_q4, TS_BLEND_q4, 0, TS_EMIN, TS_EMAX, TS_ZIPLO4, TS_ZIPHI4, ts_avx2_load_part64, ts_avx2_store_part64)
TS_CLEAF_SIZES(TS_ATTR_avx2, ts_avx2_l32, int32_t, 8, ts_d8, TS_AVX2_R32, ts_xor_d8, TS_BLEND_d8, 1, TS_EMIN, TS_EMAX, TS_ZIPLO8, TS_ZIPHI8, ts_avx2_load_part32, ts_avx2_store_part32)
TS_CLEAF_SIZES(TS_ATTR_avx2, ts_avx2_lf64, double, 4, ts_pd4, TS_AVX2_RF64, ts_xor_pd4, TS_BLEND_pd4, 1, TS_MIN_pd4, TS_MAX_pd4, TS_ZIPLO4, TS_ZIPHI4, ts_avx2_load_partf64, ts_avx2_store_partf64)
TS_LEAF_SIZES(TS_ATTR_avx512, ts_avx512_l64, int64_t, 8, ts_q8, 8, INT64_MAX, ts_xor_q8, TS_BLEND_VX, 1, TS_EMIN, TS_EMAX, ts_avx512_load_part64, ts_avx512_store_part64)
TS_LEAF_SIZES(TS_ATTR_avx512, ts_avx512_l32, int32_t, 16, ts_d16, 8, INT32_MAX, ts_xor_d16, TS_BLEND_VX, 1, TS_EMIN, TS_EMAX, ts_avx512_load_part32, ts_avx512_store_part32)

// The argsort's leaves: the same networks on keys with a second set of vectors carrying
// the indices through every exchange. A lane takes its partner only when the partner's
// key is strictly smaller (lower lane) or larger (upper lane), so equal keys never copy an
// index over another; their order is fixed afterwards (SortKernels.c).
#define TS_NO_LEAFX(a, x, n) ((void)0)
#define TS_LEAFX_PARTS(ATTR, P, V, VT, XOR, BLEND)                                                 \
    ATTR TS_INLINE void P##_minmaxx(VT *lo, VT *hi, VT *ilo, VT *ihi) {                           \
        VT x = *lo, y = *hi, ix = *ilo, iy = *ihi;                                                \
        VT gt = (VT)(x > y);                                                                      \
        *lo = BLEND(x, y, gt); *hi = BLEND(y, x, gt);                                             \
        *ilo = BLEND(ix, iy, gt); *ihi = BLEND(iy, ix, gt);                                       \
    }                                                                                             \
    ATTR TS_INLINE void P##_insidex(VT *v, VT *iv, int m, int low) {                              \
        VT p = XOR(*v, m), ip = XOR(*iv, m);                                                      \
        VT upper;                                                                                 \
        for (int l = 0; l < V; l++) upper[l] = (l & low) ? -1 : 0;                                \
        VT take = BLEND((VT)(*v > p), (VT)(p > *v), upper);                                       \
        *v = BLEND(*v, p, take);                                                                  \
        *iv = BLEND(*iv, ip, take);                                                               \
    }

#define TS_LEAFX(ATTR, P, NAME, K, V, VT, R, XOR, LOADPART, STOREPART)                             \
    ATTR TS_INLINE void P##_##NAME(K *a, int64_t *x, intptr_t n) {                                \
        enum { N = R * V };                                                                       \
        VT r[R], q[R];                                                                            \
        for (int i = 0; i < R; i++) {                                                             \
            if (2 * i + 1 < R) {                                                                    \
                memcpy(&r[i], a + i * V, sizeof(VT));                                             \
                memcpy(&q[i], x + i * V, sizeof(VT));                                             \
            } else {                                                                              \
                intptr_t m = n - i * V;                                                           \
                m = m < 0 ? 0 : (m > V ? V : m);                                                  \
                r[i] = LOADPART(a + i * V, m);                                                    \
                q[i] = LOADPART(x + i * V, m);                                                    \
            }                                                                                     \
        }                                                                                         \
        _Pragma("clang loop unroll(full)") for (int k = 1; k < N; k <<= 1) {                      \
            if (2 * k <= V) {                                                                     \
                for (int i = 0; i < R; i++) P##_insidex(&r[i], &q[i], 2 * k - 1, k);              \
            } else {                                                                              \
                int span = 2 * k / V;                                                             \
                for (int i = 0; i < R; i++) {                                                     \
                    int partner = i ^ (span - 1);                                                 \
                    if (partner > i) {                                                            \
                        VT hi = XOR(r[partner], V - 1), ihi = XOR(q[partner], V - 1);             \
                        P##_minmaxx(&r[i], &hi, &q[i], &ihi);                                     \
                        r[partner] = XOR(hi, V - 1); q[partner] = XOR(ihi, V - 1);                \
                    }                                                                             \
                }                                                                                 \
            }                                                                                     \
            _Pragma("clang loop unroll(full)") for (int j = k / 2; j >= 1; j >>= 1) {             \
                if (j < V) {                                                                      \
                    for (int i = 0; i < R; i++) P##_insidex(&r[i], &q[i], j, j);                  \
                } else {                                                                          \
                    for (int i = 0; i < R; i++) {                                                 \
                        int partner = i ^ (j / V);                                                \
                        if (partner > i) P##_minmaxx(&r[i], &r[partner], &q[i], &q[partner]);     \
                    }                                                                             \
                }                                                                                 \
            }                                                                                     \
        }                                                                                         \
        for (int i = 0; i < R; i++) {                                                             \
            if ((i + 1) * V <= n) {                                                               \
                memcpy(a + i * V, &r[i], sizeof(VT));                                             \
                memcpy(x + i * V, &q[i], sizeof(VT));                                             \
            } else if (i * V < n) {                                                               \
                STOREPART(a + i * V, r[i], n - i * V);                                            \
                STOREPART(x + i * V, q[i], n - i * V);                                            \
            }                                                                                     \
        }                                                                                         \
    }

// The argsort leaf of a run of n ≤ 8·V keys: the smallest network that holds it.
#define TS_LEAFX_SIZES(ATTR, P, K, V, VT, XOR, BLEND, LOADPART, STOREPART)                        \
    TS_LEAFX_PARTS(ATTR, P, V, VT, XOR, BLEND)                                                    \
    TS_LEAFX(ATTR, P, leaf1, K, V, VT, 1, XOR, LOADPART, STOREPART)                               \
    TS_LEAFX(ATTR, P, leaf2, K, V, VT, 2, XOR, LOADPART, STOREPART)                               \
    TS_LEAFX(ATTR, P, leaf4, K, V, VT, 4, XOR, LOADPART, STOREPART)                               \
    TS_LEAFX(ATTR, P, leaf8, K, V, VT, 8, XOR, LOADPART, STOREPART)                               \
    ATTR TS_INLINE void P##_leaf(K *a, int64_t *x, intptr_t n) {                                  \
        if (n <= 0) return;                                                                       \
        if (n <= V) P##_leaf1(a, x, n);                                                           \
        else if (n <= 2 * V) P##_leaf2(a, x, n);                                                  \
        else if (n <= 4 * V) P##_leaf4(a, x, n);                                                  \
        else P##_leaf8(a, x, n);                                                                  \
    }

TS_LEAFX_SIZES(TS_ATTR_avx2, ts_avx2_lx64, int64_t, 4, ts_q4, ts_xor_q4, TS_BLEND_q4, ts_avx2_load_part64, ts_avx2_store_part64)
TS_LEAFX_SIZES(TS_ATTR_avx512, ts_avx512_lx64, int64_t, 8, ts_q8, ts_xor_q8, TS_BLEND_VX, ts_avx512_load_part64, ts_avx512_store_part64)

// ---- AVX2 ----
typedef struct { int unused; } ts_none;
#define TS_NOX(x, i) ((ts_none){0})

TS_ATTR_avx2 TS_INLINE __m256i ts_avx2_load(const void *p) { return _mm256_loadu_si256((const __m256i *)p); }

TS_ATTR_avx2 TS_INLINE intptr_t ts_avx2_store64(int64_t *a, int64_t *x, intptr_t ls, intptr_t rs, __m256i v, ts_none xv, __m256i pv) {
    (void)x; (void)xv;
    int m = _mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(v, pv)));
    __m256i w = _mm256_permutevar8x32_epi32(v, _mm256_loadu_si256((const __m256i *)ts_perm64[m]));
    _mm256_storeu_si256((__m256i *)(a + ls), w);
    _mm256_storeu_si256((__m256i *)(a + rs - 4), w);
    return __builtin_popcount(m);
}
TS_ATTR_avx2 TS_INLINE intptr_t ts_avx2_store64x(int64_t *a, int64_t *x, intptr_t ls, intptr_t rs, __m256i v, __m256i xv, __m256i pv) {
    int m = _mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(v, pv)));
    __m256i perm = _mm256_loadu_si256((const __m256i *)ts_perm64[m]);
    __m256i w = _mm256_permutevar8x32_epi32(v, perm), wx = _mm256_permutevar8x32_epi32(xv, perm);
    _mm256_storeu_si256((__m256i *)(a + ls), w);
    _mm256_storeu_si256((__m256i *)(a + rs - 4), w);
    _mm256_storeu_si256((__m256i *)(x + ls), wx);
    _mm256_storeu_si256((__m256i *)(x + rs - 4), wx);
    return __builtin_popcount(m);
}
TS_ATTR_avx2 TS_INLINE intptr_t ts_avx2_store32(int32_t *a, int64_t *x, intptr_t ls, intptr_t rs, __m256i v, ts_none xv, __m256i pv) {
    (void)x; (void)xv;
    int m = _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(v, pv)));
    __m256i w = _mm256_permutevar8x32_epi32(v, _mm256_loadu_si256((const __m256i *)ts_perm32[m]));
    _mm256_storeu_si256((__m256i *)(a + ls), w);
    _mm256_storeu_si256((__m256i *)(a + rs - 8), w);
    return __builtin_popcount(m);
}
// Float64 compared as floats (no NaNs reach here), moved with the integer lane table.
TS_ATTR_avx2 TS_INLINE __m256d ts_avx2_loadf64(const double *p) { return _mm256_loadu_pd(p); }
TS_ATTR_avx2 TS_INLINE intptr_t ts_avx2_storef64(double *a, int64_t *x, intptr_t ls, intptr_t rs, __m256d v, ts_none xv, __m256d pv) {
    (void)x; (void)xv;
    int m = _mm256_movemask_pd(_mm256_cmp_pd(v, pv, _CMP_GT_OQ));
    __m256 w = _mm256_permutevar8x32_ps(_mm256_castpd_ps(v), _mm256_loadu_si256((const __m256i *)ts_perm64[m]));
    _mm256_storeu_ps((float *)(a + ls), w);
    _mm256_storeu_ps((float *)(a + rs - 4), w);
    return __builtin_popcount(m);
}
#define TS_XLOAD256(x, i) ts_avx2_load((x) + (i))

#define TS_SET1_64_256(p) _mm256_set1_epi64x(p)
#define TS_SET1_32_256(p) _mm256_set1_epi32(p)
TS_QUICKSORT(TS_ATTR_avx2, ts_avx2_q64, ts_s64, int64_t, int64_t, INT64_MIN, TS_PRED_INT, 4, __m256i, ts_avx2_load, TS_SET1_64_256, ts_avx2_store64, ts_none, TS_NOX, 0, 4 * TS_AVX2_R64, ts_avx2_l64_leaf, TS_NO_LEAFX)
TS_QUICKSORT(TS_ATTR_avx2, ts_avx2_q64x, ts_s64, int64_t, int64_t, INT64_MIN, TS_PRED_INT, 4, __m256i, ts_avx2_load, TS_SET1_64_256, ts_avx2_store64x, __m256i, TS_XLOAD256, 1, 32, ts_avx2_l64_leaf, ts_avx2_lx64_leaf)
TS_QUICKSORT(TS_ATTR_avx2, ts_avx2_q32, ts_s32, int32_t, int64_t, INT32_MIN, TS_PRED_INT, 8, __m256i, ts_avx2_load, TS_SET1_32_256, ts_avx2_store32, ts_none, TS_NOX, 0, 8 * TS_AVX2_R32, ts_avx2_l32_leaf, TS_NO_LEAFX)

TS_QUICKSORT(TS_ATTR_avx2, ts_avx2_qf64, ts_f64, double, int64_t, -INFINITY, TS_PRED_F64, 4, __m256d, ts_avx2_loadf64, _mm256_set1_pd, ts_avx2_storef64, ts_none, TS_NOX, 0, 4 * TS_AVX2_RF64, ts_avx2_lf64_leaf, TS_NO_LEAFX)

// ---- AVX-512 ----
TS_ATTR_avx512 TS_INLINE __m512i ts_avx512_load(const void *p) { return _mm512_loadu_si512(p); }

TS_ATTR_avx512 TS_INLINE intptr_t ts_avx512_store64(int64_t *a, int64_t *x, intptr_t ls, intptr_t rs, __m512i v, ts_none xv, __m512i pv) {
    (void)x; (void)xv;
    __mmask8 m = _mm512_cmpgt_epi64_mask(v, pv);
    int above = __builtin_popcount(m);
    _mm512_storeu_si512(a + ls, _mm512_maskz_compress_epi64((__mmask8)~m, v));
    _mm512_mask_storeu_epi64(a + rs - above, (__mmask8)((1u << above) - 1), _mm512_maskz_compress_epi64(m, v));
    return above;
}
TS_ATTR_avx512 TS_INLINE intptr_t ts_avx512_store64x(int64_t *a, int64_t *x, intptr_t ls, intptr_t rs, __m512i v, __m512i xv, __m512i pv) {
    __mmask8 m = _mm512_cmpgt_epi64_mask(v, pv);
    int above = __builtin_popcount(m);
    __mmask8 low = (__mmask8)((1u << above) - 1);
    _mm512_storeu_si512(a + ls, _mm512_maskz_compress_epi64((__mmask8)~m, v));
    _mm512_mask_storeu_epi64(a + rs - above, low, _mm512_maskz_compress_epi64(m, v));
    _mm512_storeu_si512(x + ls, _mm512_maskz_compress_epi64((__mmask8)~m, xv));
    _mm512_mask_storeu_epi64(x + rs - above, low, _mm512_maskz_compress_epi64(m, xv));
    return above;
}
TS_ATTR_avx512 TS_INLINE intptr_t ts_avx512_store32(int32_t *a, int64_t *x, intptr_t ls, intptr_t rs, __m512i v, ts_none xv, __m512i pv) {
    (void)x; (void)xv;
    __mmask16 m = _mm512_cmpgt_epi32_mask(v, pv);
    int above = __builtin_popcount(m);
    _mm512_storeu_si512(a + ls, _mm512_maskz_compress_epi32((__mmask16)~m, v));
    _mm512_mask_storeu_epi32(a + rs - above, (__mmask16)((1u << above) - 1), _mm512_maskz_compress_epi32(m, v));
    return above;
}
#define TS_XLOAD512(x, i) ts_avx512_load((x) + (i))
#define TS_SET1_64_512(p) _mm512_set1_epi64(p)
#define TS_SET1_32_512(p) _mm512_set1_epi32(p)
TS_QUICKSORT(TS_ATTR_avx512, ts_avx512_q64, ts_s64, int64_t, int64_t, INT64_MIN, TS_PRED_INT, 8, __m512i, ts_avx512_load, TS_SET1_64_512, ts_avx512_store64, ts_none, TS_NOX, 0, 64, ts_avx512_l64_leaf, TS_NO_LEAFX)
TS_QUICKSORT(TS_ATTR_avx512, ts_avx512_q64x, ts_s64, int64_t, int64_t, INT64_MIN, TS_PRED_INT, 8, __m512i, ts_avx512_load, TS_SET1_64_512, ts_avx512_store64x, __m512i, TS_XLOAD512, 1, 32, ts_avx512_l64_leaf, ts_avx512_lx64_leaf)
TS_QUICKSORT(TS_ATTR_avx512, ts_avx512_q32, ts_s32, int32_t, int64_t, INT32_MIN, TS_PRED_INT, 16, __m512i, ts_avx512_load, TS_SET1_32_512, ts_avx512_store32, ts_none, TS_NOX, 0, 128, ts_avx512_l32_leaf, TS_NO_LEAFX)

TS_ATTR_avx2 void ts_quicksort64_avx2(int64_t *a, intptr_t n) { ts_avx2_q64_sort(a, NULL, n, ts_depth(n)); }
TS_ATTR_avx2 void ts_quicksort32_avx2(int32_t *a, intptr_t n) { ts_avx2_q32_sort(a, NULL, n, ts_depth(n)); }
TS_ATTR_avx2 void ts_quicksortf64_avx2(double *a, intptr_t n) { ts_avx2_qf64_sort(a, NULL, n, ts_depth(n)); }
TS_ATTR_avx2 void ts_argquicksort64_avx2(int64_t *a, int64_t *x, intptr_t n) { ts_avx2_q64x_sort(a, x, n, ts_depth(n)); }
TS_ATTR_avx512 void ts_quicksort64_avx512(int64_t *a, intptr_t n) { ts_avx512_q64_sort(a, NULL, n, ts_depth(n)); }
TS_ATTR_avx512 void ts_quicksort32_avx512(int32_t *a, intptr_t n) { ts_avx512_q32_sort(a, NULL, n, ts_depth(n)); }
TS_ATTR_avx512 void ts_argquicksort64_avx512(int64_t *a, int64_t *x, intptr_t n) { ts_avx512_q64x_sort(a, x, n, ts_depth(n)); }
