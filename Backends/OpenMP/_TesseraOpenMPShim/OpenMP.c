// Opening libomp.so.5 and splitting inner-loop calls across its threads.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "TesseraOpenMPShim.h"

// ThreadSanitizer builds (`ci/sanitizers.sh thread`): libomp is not instrumented, so TSan
// sees its worker threads start (pthread_create is intercepted) but not the fork and join
// of each parallel region, and reports the caller's writes to a job on its stack as
// racing with the previous region's reads of it. `to_fork` states those two edges with
// TSan's annotations (as LLVM's Archer tool does for libomp). Accesses inside a region
// stay checked: two parts writing the same memory are still reported (checked with a
// small libomp program: reported with these annotations, and a disjoint split is not).
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TO_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) && !defined(TO_TSAN)
#define TO_TSAN 1
#endif
#ifdef TO_TSAN
void __tsan_acquire(void *address);
void __tsan_release(void *address);
#define TO_TSAN_ACQUIRE(address) __tsan_acquire(address)
#define TO_TSAN_RELEASE(address) __tsan_release(address)
#else
#define TO_TSAN_ACQUIRE(address) ((void)(address))
#define TO_TSAN_RELEASE(address) ((void)(address))
#endif

typedef void (*gomp_parallel_fn)(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);
typedef int (*omp_int_fn)(void);
typedef void (*kmp_set_int_fn)(int);

static pthread_once_t to_once = PTHREAD_ONCE_INIT;
static void *to_handle;
static char to_error[512];
static char to_path[1024];
static int to_default_blocktime;
static gomp_parallel_fn to_gomp_parallel;
static omp_int_fn to_thread_num, to_num_threads, to_max_threads, to_in_parallel, to_get_blocktime;
static kmp_set_int_fn to_set_blocktime;

// Block time requested for every forking thread; each applies it once per change.
static atomic_int to_blocktime = -1;
static atomic_int to_blocktime_generation = 0;
static _Thread_local int to_applied_generation = 0;
// Non-zero while this thread runs a part of a parallel region started here.
static _Thread_local int to_inside = 0;
static _Thread_local uint64_t to_forked = 0;

static void to_open_once(void) {
    char value[16];
    snprintf(value, sizeof value, "%d", to_default_blocktime);
    // libomp reads KMP_BLOCKTIME when it initialises; a user's setting wins.
    setenv("KMP_BLOCKTIME", value, 0);
    to_handle = dlopen("libomp.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!to_handle) {
        const char *message = dlerror();
        snprintf(to_error, sizeof to_error, "%s", message ? message : "dlopen failed");
        return;
    }
    to_gomp_parallel = (gomp_parallel_fn)dlsym(to_handle, "GOMP_parallel");
    to_thread_num = (omp_int_fn)dlsym(to_handle, "omp_get_thread_num");
    to_num_threads = (omp_int_fn)dlsym(to_handle, "omp_get_num_threads");
    to_max_threads = (omp_int_fn)dlsym(to_handle, "omp_get_max_threads");
    to_in_parallel = (omp_int_fn)dlsym(to_handle, "omp_in_parallel");
    to_get_blocktime = (omp_int_fn)dlsym(to_handle, "kmp_get_blocktime");
    to_set_blocktime = (kmp_set_int_fn)dlsym(to_handle, "kmp_set_blocktime");
    if (!to_gomp_parallel || !to_thread_num || !to_num_threads || !to_max_threads || !to_in_parallel) {
        snprintf(to_error, sizeof to_error, "libomp.so.5 lacks GOMP_parallel or omp_* entry points");
        dlclose(to_handle);
        to_handle = NULL;
        return;
    }
    struct link_map *map = NULL;
    if (dlinfo(to_handle, RTLD_DI_LINKMAP, &map) == 0 && map && map->l_name) {
        snprintf(to_path, sizeof to_path, "%s", map->l_name);
    }
}

int tessera_omp_open(int default_blocktime_ms, char *message, size_t capacity) {
    to_default_blocktime = default_blocktime_ms;
    pthread_once(&to_once, to_open_once);
    if (to_handle) return 1;
    if (capacity > 0) snprintf(message, capacity, "%s", to_error);
    return 0;
}

const char *tessera_omp_library_path(void) { return to_path; }

int tessera_omp_max_threads(void) { return to_handle ? to_max_threads() : 0; }

int tessera_omp_blocktime(void) { return to_handle && to_get_blocktime ? to_get_blocktime() : -1; }

void tessera_omp_set_blocktime(int milliseconds) {
    atomic_store(&to_blocktime, milliseconds);
    atomic_fetch_add(&to_blocktime_generation, 1);
}

int tessera_omp_in_parallel(void) { return to_inside || (to_handle && to_in_parallel()); }

uint64_t tessera_omp_regions_forked(void) { return to_forked; }

// MARK: Teams

struct tessera_omp_team {
    atomic_int threads;
};

static tessera_omp_team to_default_team = {1};

tessera_omp_team *tessera_omp_default_team(void) { return &to_default_team; }

tessera_omp_team *tessera_omp_team_create(int threads) {
    tessera_omp_team *team = malloc(sizeof *team);
    if (!team) abort();
    atomic_init(&team->threads, threads < 1 ? 1 : threads);
    return team;
}

void tessera_omp_team_destroy(tessera_omp_team *team) {
    if (team != &to_default_team) free(team);
}

void tessera_omp_team_set_threads(tessera_omp_team *team, int threads) {
    atomic_store_explicit(&team->threads, threads < 1 ? 1 : threads, memory_order_relaxed);
}

int tessera_omp_team_threads(const tessera_omp_team *team) {
    return atomic_load_explicit(&((tessera_omp_team *)team)->threads, memory_order_relaxed);
}

typedef struct {
    void (*body)(void *);
    void *job;
} to_region;

// One thread's part of a region: the fork happens before it, and it before the join.
// The two edges use two addresses, the fork `&region->body` and the join `&region->job`:
// with one, a part that starts after another has finished would acquire that part's
// release and TSan would take the two parts as ordered, hiding a race between them.
static void to_region_part(void *opaque) {
    to_region *region = opaque;
    TO_TSAN_ACQUIRE(&region->body);
    region->body(region->job);
    TO_TSAN_RELEASE(&region->job);
}

// Forks a region of `threads` threads running `body(job)`.
static void to_fork(void (*body)(void *), void *job, int threads) {
    int generation = atomic_load_explicit(&to_blocktime_generation, memory_order_relaxed);
    if (generation != to_applied_generation) {
        int blocktime = atomic_load(&to_blocktime);
        if (blocktime >= 0 && to_set_blocktime) to_set_blocktime(blocktime);
        to_applied_generation = generation;
    }
    to_forked += 1;
    to_region region = {body, job};
    TO_TSAN_RELEASE(&region.body);
    to_gomp_parallel(to_region_part, &region, (unsigned)threads, 0);
    TO_TSAN_ACQUIRE(&region.job);
}

// MARK: The wrapper loop

enum { TO_MAX_OPERANDS = 16 };

typedef struct {
    tessera_omp_loop_fn function;
    void *data;
    int inputs, operands;
    intptr_t threshold;
    tessera_omp_team *team;
} to_context;

typedef struct {
    const to_context *context;
    void *const *args;
    intptr_t count;
    const intptr_t *steps;
} to_job;

// Where part `part` of `parts` starts: an even split rounded down to a multiple of 64
// elements. Every part but the last then has a length that the loops' vector widths
// divide (no short scalar tail in the middle of a call), and parts of an output that
// starts on a 64-byte boundary start on one too.
static intptr_t to_boundary(const to_job *job, int part, int parts) {
    if (part <= 0) return 0;
    if (part >= parts) return job->count;
    intptr_t index = (intptr_t)(((__int128)job->count * part) / parts);
    return index - index % 64;
}

// Whether two strided runs of `count` elements overlap without being the same run
// (NumPy's is_mem_overlap): a loop reading what an earlier element wrote (accumulate)
// must run in order.
static int to_overlap(const char *a, intptr_t a_step, const char *b, intptr_t b_step, intptr_t count) {
    const char *a0 = a_step < 0 ? a + a_step * (count - 1) : a, *a1 = a_step < 0 ? a : a + a_step * (count - 1);
    const char *b0 = b_step < 0 ? b + b_step * (count - 1) : b, *b1 = b_step < 0 ? b : b + b_step * (count - 1);
    return !((a0 == b0 && a1 == b1) || a0 > b1 || b0 > a1);
}

static void to_run_part(void *opaque) {
    const to_job *job = opaque;
    const to_context *context = job->context;
    int part = to_thread_num(), parts = to_num_threads();
    intptr_t lo = to_boundary(job, part, parts), hi = to_boundary(job, part + 1, parts);
    if (hi <= lo) return;
    void *args[TO_MAX_OPERANDS];
    for (int i = 0; i < context->operands; i++) {
        args[i] = (char *)job->args[i] + lo * job->steps[i];
    }
    int outer = to_inside;
    to_inside = 1;
    context->function(args, hi - lo, job->steps, context->data);
    to_inside = outer;
}

static void to_wrapper(void *const *args, intptr_t count, const intptr_t *steps, void *data) {
    const to_context *context = data;
    // A reduction call (the output is the first input, both stride 0) accumulates in order.
    int reduction = context->inputs == 2 && context->operands == 3 && args[0] == args[2] && steps[0] == 0 && steps[2] == 0;
    if (count < context->threshold || reduction || to_inside) {
        context->function(args, count, steps, context->data);
        return;
    }
    for (int i = 0; i < context->inputs; i++) {
        for (int o = context->inputs; o < context->operands; o++) {
            if (to_overlap(args[i], steps[i], args[o], steps[o], count)) {
                context->function(args, count, steps, context->data);
                return;
            }
        }
    }
    int threads = tessera_omp_team_threads(context->team);
    // Each part keeps at least half a threshold of work.
    intptr_t most = count / (context->threshold / 2 > 0 ? context->threshold / 2 : 1);
    if (most < threads) threads = (int)most;
    if (threads < 2 || to_in_parallel()) {
        context->function(args, count, steps, context->data);
        return;
    }
    to_job job = {context, args, count, steps};
    to_fork(to_run_part, &job, threads);
}

tessera_omp_loop_fn tessera_omp_wrapper_loop(void) { return (tessera_omp_loop_fn)to_wrapper; }

// Contexts alive in the process: registries built and dropped per request must not grow it.
static _Atomic intptr_t to_live_contexts = 0;

intptr_t tessera_omp_live_contexts(void) { return atomic_load_explicit(&to_live_contexts, memory_order_relaxed); }

void *tessera_omp_wrap_context(tessera_omp_loop_fn function, void *data, int inputs, int outputs, intptr_t threshold,
                               tessera_omp_team *team) {
    to_context *context = malloc(sizeof *context);
    if (!context) abort();
    atomic_fetch_add_explicit(&to_live_contexts, 1, memory_order_relaxed);
    context->function = function;
    context->data = data;
    context->inputs = inputs;
    context->operands = inputs + outputs;
    // Loops with more operands than the part buffer holds never split.
    context->threshold = inputs + outputs <= TO_MAX_OPERANDS ? (threshold < 2 ? 2 : threshold) : INTPTR_MAX;
    context->team = team;
    return context;
}

void tessera_omp_free_context(void *context) {
    atomic_fetch_sub_explicit(&to_live_contexts, 1, memory_order_relaxed);
    free(context);
}

// MARK: Parallel for

typedef struct {
    intptr_t count;
    tessera_omp_task_fn task;
    void *context;
} to_for_job;

static void to_run_tasks(void *opaque) {
    const to_for_job *job = opaque;
    int part = to_thread_num(), parts = to_num_threads();
    intptr_t lo = (intptr_t)(((__int128)job->count * part) / parts);
    intptr_t hi = (intptr_t)(((__int128)job->count * (part + 1)) / parts);
    int outer = to_inside;
    to_inside = 1;
    for (intptr_t i = lo; i < hi; i++) job->task(job->context, i);
    to_inside = outer;
}

void tessera_omp_parallel_for(tessera_omp_team *team, intptr_t count, tessera_omp_task_fn task, void *context) {
    if (count <= 0) return;
    int threads = tessera_omp_team_threads(team);
    if (count < threads) threads = (int)count;
    if (threads < 2 || !to_handle || tessera_omp_in_parallel()) {
        for (intptr_t i = 0; i < count; i++) task(context, i);
        return;
    }
    to_for_job job = {count, task, context};
    to_fork(to_run_tasks, &job, threads);
}
