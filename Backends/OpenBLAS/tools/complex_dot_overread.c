// Whether OpenBLAS's dot and gemv read past the last element of a vector operand: each
// operand in turn is placed so that it ends exactly at an unreadable page, for n = 1..100
// and steps 1..3, and a read past it shows as SIGSEGV. Prints the crashing calls and a
// count. With Debian's libopenblas0-pthread 0.3.21 on Zen 4: every complex dot
// (?dotu_sub, ?dotc_sub) with a step of 2 or 3 crashed; steps of 1, the real dots and
// dgemv and zgemv (x at the page end) did not. TesseraOpenBLAS packs complex dot operands
// whose step is not 1.
//
//   gcc -O1 -o /tmp/overread Backends/OpenBLAS/tools/complex_dot_overread.c -lopenblas && /tmp/overread
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef void (*dot_fn)(int, const void *, int, const void *, int, void *);
void cblas_zdotu_sub(int, const void *, int, const void *, int, void *);
void cblas_cdotu_sub(int, const void *, int, const void *, int, void *);
void cblas_zdotc_sub(int, const void *, int, const void *, int, void *);
void cblas_cdotc_sub(int, const void *, int, const void *, int, void *);
double cblas_ddot(int, const double *, int, const double *, int);
float cblas_sdot(int, const float *, int, const float *, int);
void cblas_dgemv(int, int, int, int, double, const double *, int, const double *, int, double, double *, int);
void cblas_zgemv(int, int, int, int, const void *, const void *, int, const void *, int, const void *, void *, int);

static sigjmp_buf escape;
static void on_segv(int signal) { (void)signal; siglongjmp(escape, 1); }

static void real_ddot(int n, const void *x, int ix, const void *y, int iy, void *r) { *(double *)r = cblas_ddot(n, x, ix, y, iy); }
static void real_sdot(int n, const void *x, int ix, const void *y, int iy, void *r) { *(float *)r = cblas_sdot(n, x, ix, y, iy); }
// y = A x with A 4×n (row-major, lda n): x is the operand placed at the page end.
static void gemv_d(int n, const void *x, int ix, const void *a, int ia, void *r) {
    (void)ia;
    cblas_dgemv(101, 111, 4, n, 1.0, a, n, x, ix, 0.0, r, 1);
}
static void gemv_z(int n, const void *x, int ix, const void *a, int ia, void *r) {
    (void)ia;
    double one[2] = {1, 0}, zero[2] = {0, 0};
    cblas_zgemv(101, 111, 4, n, one, a, n, x, ix, zero, r, 1);
}

int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    char *memory = mmap(NULL, 64 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(memory + 32 * page, page, PROT_NONE);
    memset(memory, 0, 32 * page);
    char *end = memory + 32 * page;
    signal(SIGSEGV, on_segv);
    struct { const char *name; dot_fn f; int size; int both; } calls[] = {
        {"zdotu_sub", cblas_zdotu_sub, 16, 1}, {"cdotu_sub", cblas_cdotu_sub, 8, 1},
        {"zdotc_sub", cblas_zdotc_sub, 16, 1}, {"cdotc_sub", cblas_cdotc_sub, 8, 1},
        {"ddot", real_ddot, 8, 1}, {"sdot", real_sdot, 4, 1},
        {"dgemv x", gemv_d, 8, 0}, {"zgemv x", gemv_z, 16, 0},
    };
    double result[8];
    long crashes = 0;
    for (size_t c = 0; c < sizeof calls / sizeof calls[0]; c++)
        for (int step = 1; step <= 3; step++)
            for (int n = 1; n <= 100; n++)
                for (int which = 0; which <= calls[c].both; which++) {
                    long bytes = (long)((n - 1) * step + 1) * calls[c].size;
                    char *placed = end - bytes, *other = memory;
                    if (sigsetjmp(escape, 1)) {
                        if (crashes++ < 12) printf("%s step %d n %d: read past the %s operand\n", calls[c].name, step, n, which ? "second" : "first");
                        continue;
                    }
                    if (which == 0) calls[c].f(n, placed, step, other, step, result);
                    else calls[c].f(n, other, step, placed, step, result);
                }
    printf("%ld calls read past an operand's last element\n", crashes);
    return 0;
}
