// Streaming (non-temporal) stores for the contiguous output of a large elementwise call
// (private to the shim; included by Kernels.h, which defines TS_ATTR_* and TS_INLINE).
//
// An ordinary store to a line not in the cache first reads the line from memory (write
// allocate), so a float64 add of 10⁷ elements into memory written before moves 4 × 80 MB
// where it needs 3 × 80 MB. A streaming store writes whole lines straight to memory
// without reading them. Results are unchanged: the elements are computed by the same loop
// into a block on the stack, then copied out. On the Zen 4 machine measured (this code,
// float64 add of 10⁷ into an output written before, C level, thread CPU time, median of
// 21): AVX-512 7.8 ms ordinary, 7.4 ms streamed; AVX2 8.1 and 6.9 ms. In place (`a += b`,
// the output's lines already read as an input) a plain intrinsics loop took 5.4 ms
// ordinary against 6.7 ms streamed, so in-place calls keep ordinary stores.
//
// Only memory mapped before gains: a page the kernel has just faulted in was zeroed a
// moment before, its lines are in the cache (nothing to save), and a streaming store must
// evict them first. Fresh 80 MB outputs (the harness's `add`/`multiply`/`divide` float64
// of 10⁷ while LargeBufferCache kept nothing that large): 0.88–0.93× NumPy streamed
// against 0.92–1.08× ordinary (thread CPU time, 4 alternating runs); the same C test,
// 14.6 ms streamed against 13.5 ms ordinary. With LargeBufferCache keeping such outputs,
// 6.2–7.1 ms streamed against 7.3–8.1 ms ordinary (NumPy 12.1–14.3 ms).
//
// When: the call touches at least half the last-level cache's size in bytes (output plus
// the inputs it reads). Below that, the whole call may stay in the cache and its output is
// wanted there by whatever reads it next; streaming would send it to memory. Measured
// (float64 add repeated on the same buffers, then a sum of its output): 12 MB touched,
// add + sum 0.22 ms ordinary against 0.28 ms streaming; 24 MB, 0.86 against 0.83; 34 MB,
// 1.46 against 1.25; 48 MB, 2.27 against 1.78. So 12 MB (float32 or float64 → float32
// of 10⁶) stays ordinary and 24 MB streams: the cache (32 MiB on the Zen 4 machine) is
// shared with the other cores of its complex, and an ordinary 8 MB output pushes the call's
// own inputs out of it. In the harness (thread CPU time, two alternated runs per
// threshold, 10⁶ elements, 24 MB touched), half the cache against the whole: `add`
// float64 1.13/1.20× NumPy against 0.96/0.95×, `multiply` float64 1.20/1.28× against
// 0.99/1.00×, `add` int64 1.13/1.33× against 0.92/0.96×; the 12 MB cases unchanged.
// The threshold applies to each call: under the OpenMP backend two threads' calls of half
// the run each share the cache, so an operation streams once each half reaches the
// threshold (a conservative choice: the loop cannot tell whether another call runs beside
// it).
#ifndef TESSERA_SIMD_STREAMING_STORES_H
#define TESSERA_SIMD_STREAMING_STORES_H

#include <stdatomic.h>
#include <stdint.h>

#define TS_HIDDEN __attribute__((visibility("hidden")))

/// The block the elements are computed into before they are streamed out: whole lines,
/// and few of them, so that the streaming stores of one block drain while the next block
/// is computed. With 4 KB blocks the two phases took turns: a float64 divide of 10⁶ (C
/// level, Benchmarks/stream/stream_block.c, median of 31, Zen 4) took 400–410 µs through 4 KB blocks,
/// 325–332 µs through 1 KB and 310–314 µs through 512 or 256 bytes, as fast as the
/// streamed multiply (300–311 µs) and as a loop streaming each vector straight out. In the
/// harness (three alternated runs, loaded machine), `divide` float64 of 10⁶ went from
/// 1.11–1.31× NumPy to 1.46–1.61×, `less` float64 from 1.01–1.07× to 1.27–1.37×, the
/// cheaper operations unchanged.
#define TS_STREAM_BLOCK_BYTES 512

TS_HIDDEN extern _Atomic intptr_t ts_stream_threshold_bytes;
TS_HIDDEN intptr_t ts_stream_threshold_slow(void);

TS_INLINE intptr_t ts_stream_threshold(void) {
    const intptr_t bytes = atomic_load_explicit(&ts_stream_threshold_bytes, memory_order_relaxed);
    return __builtin_expect(bytes < 0, 0) ? ts_stream_threshold_slow() : bytes;
}

/// Copies `bytes` (whole lines) from a 64-byte aligned block to a 64-byte aligned
/// destination with streaming stores.
TS_ATTR_sse2 TS_HIDDEN void ts_stream_copy_sse2(char *destination, const char *block, intptr_t bytes);
TS_ATTR_avx2 TS_HIDDEN void ts_stream_copy_avx2(char *destination, const char *block, intptr_t bytes);
TS_ATTR_avx512 TS_HIDDEN void ts_stream_copy_avx512(char *destination, const char *block, intptr_t bytes);

/// Whether a contiguous output of `n` elements of `size` bytes at `o`, computed from
/// inputs at `a` and `b` (NULL when broadcast or absent) of `asize` and `bsize` bytes per
/// element, is streamed: the call touches at least the threshold's bytes, writes no input
/// in place, and its elements are aligned to their size (so that some of them start a
/// line). Checked by every contiguous call, so cheap when the call is short.
TS_INLINE int ts_stream_output(const char *o, intptr_t size, const char *a, intptr_t asize, const char *b, intptr_t bsize, intptr_t n) {
    const intptr_t touched = n * (size + (a ? asize : 0) + (b ? bsize : 0));
    return touched >= ts_stream_threshold() && o != a && o != b && ((uintptr_t)o & (uintptr_t)(size - 1)) == 0;
}

/// For a streamed output: the elements before its first line boundary (`*head`) and the
/// end of its whole lines (`*lines_end`, elements from the start).
TS_INLINE void ts_stream_bounds(const char *o, intptr_t size, intptr_t n, intptr_t *head, intptr_t *lines_end) {
    intptr_t h = (intptr_t)((64 - ((uintptr_t)o & 63)) & 63) / size;
    if (h > n) h = n;
    *head = h;
    *lines_end = h + (n - h) * size / 64 * 64 / size;
}

/// Runs LOOP over a contiguous output `O` of `N` elements of type TO, `STREAM` telling
/// whether to stream it (see ts_stream_output). LOOP computes the elements
/// [ts_start, ts_start + ts_count) into ts_dst[0 ..< ts_count). Unstreamed, that is the
/// whole output in one piece; streamed, the partial lines at either end are computed in
/// place and the whole lines between them block by block into a stack buffer, each block
/// then streamed out. One instance of LOOP serves every piece.
#define TS_OUTPUT_PIECES(TO, O, N, STREAM, LOOP) { \
        TO *const ts_out = (O); \
        const intptr_t ts_n = (N); \
        intptr_t ts_head = ts_n, ts_lines_end = ts_n; \
        if (STREAM) ts_stream_bounds((const char *)ts_out, (intptr_t)sizeof(TO), ts_n, &ts_head, &ts_lines_end); \
        _Alignas(64) TO ts_block[TS_STREAM_BLOCK_BYTES / sizeof(TO)]; \
        for (intptr_t ts_start = 0; ts_start < ts_n;) { \
            const int ts_buffered = ts_start >= ts_head && ts_start < ts_lines_end; \
            intptr_t ts_count = (ts_start < ts_head ? ts_head : ts_n) - ts_start; \
            if (ts_buffered) { \
                ts_count = ts_lines_end - ts_start; \
                if (ts_count > (intptr_t)(TS_STREAM_BLOCK_BYTES / sizeof(TO))) ts_count = (intptr_t)(TS_STREAM_BLOCK_BYTES / sizeof(TO)); \
            } \
            TO *const ts_dst = ts_buffered ? ts_block : ts_out + ts_start; \
            LOOP \
            if (ts_buffered) TS_AT_LEVEL(ts_stream_copy, (char *)(ts_out + ts_start), (const char *)ts_block, ts_count * (intptr_t)sizeof(TO)); \
            ts_start += ts_count; \
        } \
        /* Streaming stores are weakly ordered: make them visible before the call returns */ \
        /* (another thread may read the output next). */ \
        if (ts_lines_end > ts_head) __builtin_ia32_sfence(); \
    }

#endif
