// STREAM-style memory bandwidth on 1 and 2 threads: the limit the harness's memory-bound
// cases at 10⁷ elements are judged against (a float64 add of 10⁷ elements reads 160 MB
// and writes 80 MB, far beyond any cache of the machines measured).
//
// Kernels, as in McCalpin's STREAM: copy c[i] = a[i] (16 bytes per element counted) and
// add c[i] = a[i] + b[i] (24 bytes); and read, a sum of a[i] into eight independent
// accumulators (8 bytes), the limit of the memory-bound reductions (`sum`, `max`, `argmax`
// of 10⁷ float64 read 80 MB and write nothing). Each is timed with the output written before (as
// STREAM does) and, separately, into an output allocated for the call and freed after
// it, as an array call that allocates its result does: glibc maps arrays this large
// afresh each time, and NumPy and Tessera ask for transparent huge pages on them
// (madvise), as done here, so the page faults of the output are counted. Threads split
// the arrays into halves; the best of the repetitions is reported, as STREAM does.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

enum { REPETITIONS = 20 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

typedef struct {
    double *a, *b, *c;
    size_t begin, end;
    int add;  // 0 copy, 1 add, 2 read
    double sum;
    pthread_barrier_t *barrier;
} part;

static void *run_part(void *argument) {
    part *p = argument;
    pthread_barrier_wait(p->barrier);
    double *restrict c = p->c;
    const double *restrict a = p->a, *restrict b = p->b;
    if (p->add == 2) {
        // Independent accumulators, so that the additions never wait on each other.
        double s[8] = {0};
        size_t i = p->begin;
        for (; i + 8 <= p->end; i += 8)
            for (int k = 0; k < 8; k++) s[k] += a[i + k];
        for (; i < p->end; i++) s[0] += a[i];
        p->sum = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
    } else if (p->add) {
        for (size_t i = p->begin; i < p->end; i++) c[i] = a[i] + b[i];
    } else {
        for (size_t i = p->begin; i < p->end; i++) c[i] = a[i];
    }
    return NULL;
}

static double *map_doubles(size_t n) {
    void *p = mmap(NULL, n * sizeof(double), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); exit(1); }
    return p;
}

/// Seconds for one kernel over n elements on `threads` threads; `fresh` writes into an
/// output allocated for the call (the allocation counted).
static double timed(double *a, double *b, double *c, size_t n, int threads, int add, int fresh) {
    pthread_t ids[2];
    part parts[2];
    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, NULL, (unsigned)threads + 1);
    double start = now();
    double *out = c;
    if (fresh) {
        out = malloc(n * sizeof(double));
        // The 2 MiB pages inside the allocation, as NumPy's and Tessera's allocators advise.
        uintptr_t begin = ((uintptr_t)out + (1u << 21) - 1) & ~(uintptr_t)((1u << 21) - 1);
        uintptr_t end = ((uintptr_t)out + n * sizeof(double)) & ~(uintptr_t)((1u << 21) - 1);
        if (end > begin) madvise((void *)begin, end - begin, MADV_HUGEPAGE);
    }
    for (int t = 0; t < threads; t++) {
        parts[t] = (part){a, b, out, n * (size_t)t / (size_t)threads, n * (size_t)(t + 1) / (size_t)threads, add, 0.0, &barrier};
        pthread_create(&ids[t], NULL, run_part, &parts[t]);
    }
    pthread_barrier_wait(&barrier);
    for (int t = 0; t < threads; t++) pthread_join(ids[t], NULL);
    double elapsed = now() - start;
    if (fresh) free(out);
    pthread_barrier_destroy(&barrier);
    return elapsed;
}

int main(int argc, char **argv) {
    size_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000;
    double *a = map_doubles(n), *b = map_doubles(n), *c = map_doubles(n);
    for (size_t i = 0; i < n; i++) { a[i] = 1.0 + (double)(i % 7); b[i] = 2.0; c[i] = 0.0; }
    printf("STREAM-style bandwidth, %zu float64 elements per array, best of %d\n", n, REPETITIONS);
    printf("%-6s %-8s %-14s %10s %10s\n", "kernel", "threads", "output", "ms", "GB/s");
    for (int add = 0; add <= 1; add++) {
        for (int fresh = 0; fresh <= 1; fresh++) {
            for (int threads = 1; threads <= 2; threads++) {
                double best = 1e30;
                for (int r = 0; r < REPETITIONS; r++) {
                    double t = timed(a, b, c, n, threads, add, fresh);
                    if (t < best) best = t;
                }
                double bytes = (double)n * sizeof(double) * (add ? 3.0 : 2.0);
                printf("%-6s %-8d %-14s %10.3f %10.2f\n", add ? "add" : "copy", threads, fresh ? "allocated" : "written before",
                       best * 1e3, bytes / best * 1e-9);
            }
        }
    }
    for (int threads = 1; threads <= 2; threads++) {
        double best = 1e30;
        for (int r = 0; r < REPETITIONS; r++) {
            double t = timed(a, b, c, n, threads, 2, 0);
            if (t < best) best = t;
        }
        printf("%-6s %-8d %-14s %10.3f %10.2f\n", "read", threads, "none", best * 1e3, (double)n * sizeof(double) / best * 1e-9);
    }
    volatile double sink = c[n / 2];
    (void)sink;
    return 0;
}
