#ifndef TESSERA_OPENMP_SHIM_H
#define TESSERA_OPENMP_SHIM_H

// Internal to TesseraOpenMP; no stable API.
//
// Binds libomp.so.5 at run time through its GNU entry point `GOMP_parallel` and the
// `omp_*` / `kmp_*` functions (dlopen/dlsym: no -fopenmp, no header or link-time
// dependency), and provides the wrapper inner loop that splits a call across threads.

#include <stddef.h>
#include <stdint.h>
#include "TesseraOpenMPMerge.h"

/// NumPy's inner-loop signature; imported into Swift as TesseraCore's InnerLoopFunction.
typedef void (*tessera_omp_loop_fn)(void *const _Nullable *_Nullable args, intptr_t count,
                                    const intptr_t *_Nullable steps, void *_Nullable data);

/// Opens libomp.so.5 once per process. Returns 1 on success; on failure 0, with the
/// reason in `message`. Sets `KMP_BLOCKTIME` to `default_blocktime_ms` first unless the
/// environment already sets it.
int tessera_omp_open(int default_blocktime_ms, char *_Nonnull message, size_t capacity);

/// The resolved path of the opened library (empty before a successful open).
const char *_Nonnull tessera_omp_library_path(void);

/// `omp_get_max_threads()` (0 when not open).
int tessera_omp_max_threads(void);

/// `kmp_get_blocktime()` on the calling thread, in ms (-1 when unavailable).
int tessera_omp_blocktime(void);

/// The block time every thread that forks a team applies (via `kmp_set_blocktime`)
/// before its next parallel region; negative leaves libomp's setting alone.
void tessera_omp_set_blocktime(int milliseconds);

/// Whether the calling thread runs inside a parallel part (of Tessera or of any
/// OpenMP region): a call made there runs single-threaded.
int tessera_omp_in_parallel(void);

/// A thread count shared by loops and executors; changeable at any time.
typedef struct tessera_omp_team tessera_omp_team;

/// The process's team setting (follows TESSERA_NUM_THREADS / Threading.threadCount).
tessera_omp_team *_Nonnull tessera_omp_default_team(void);
/// A team setting of its own; freed by `tessera_omp_team_destroy` once no loop or
/// executor points to it.
tessera_omp_team *_Nonnull tessera_omp_team_create(int threads);
void tessera_omp_team_destroy(tessera_omp_team *_Nonnull team);
void tessera_omp_team_set_threads(tessera_omp_team *_Nonnull team, int threads);
int tessera_omp_team_threads(const tessera_omp_team *_Nonnull team);

/// The wrapper loop. Its data is a context made by `tessera_omp_wrap_context`.
tessera_omp_loop_fn _Nonnull tessera_omp_wrapper_loop(void);

/// A context for the wrapper loop around `function`/`data`, with `inputs` and `outputs`
/// operands; calls below `threshold` elements run the wrapped loop directly. Freed by
/// `tessera_omp_free_context` when the last copy of its loop is gone.
void *_Nonnull tessera_omp_wrap_context(tessera_omp_loop_fn _Nonnull function, void *_Nullable data,
                                        int inputs, int outputs, intptr_t threshold,
                                        tessera_omp_team *_Nonnull team);
void tessera_omp_free_context(void *_Nonnull context);
/// How many wrapper contexts are allocated and not yet freed.
intptr_t tessera_omp_live_contexts(void);

/// Calls `task(context, i)` for every i in [0, count), in contiguous blocks per thread.
/// Runs on the calling thread alone when nested or when the team has one thread.
typedef void (*tessera_omp_task_fn)(void *_Nullable context, intptr_t index);
void tessera_omp_parallel_for(tessera_omp_team *_Nonnull team, intptr_t count, tessera_omp_task_fn _Nonnull task,
                              void *_Nullable context);

/// Counts parallel regions forked by this shim (tests check that small calls never fork).
uint64_t tessera_omp_regions_forked(void);

#endif
