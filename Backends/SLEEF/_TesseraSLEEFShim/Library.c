// Opening libsleef.so.3 and choosing loops by instruction set.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "TesseraSLEEFShim.h"

static pthread_once_t ts_once = PTHREAD_ONCE_INIT;
static void *ts_handle;
static char ts_error[512];
static char ts_path[1024];

static void ts_open_once(void) {
    // RTLD_LOCAL: SLEEF's symbols are only reached through dlsym. TESSERA_SLEEF_LIBRARY
    // names another file (tests use it to exercise the missing-library path).
    const char *override = getenv("TESSERA_SLEEF_LIBRARY");
    ts_handle = dlopen(override && *override ? override : "libsleef.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!ts_handle) {
        const char *message = dlerror();
        snprintf(ts_error, sizeof ts_error, "%s", message ? message : "dlopen failed");
        return;
    }
    struct link_map *map = NULL;
    if (dlinfo(ts_handle, RTLD_DI_LINKMAP, &map) == 0 && map && map->l_name) {
        snprintf(ts_path, sizeof ts_path, "%s", map->l_name);
    }
}

int tessera_sleef_open(char *message, size_t capacity) {
    pthread_once(&ts_once, ts_open_once);
    if (ts_handle) return 1;
    if (capacity > 0) snprintf(message, capacity, "%s", ts_error);
    return 0;
}

const char *tessera_sleef_library_path(void) { return ts_path; }

int tessera_sleef_cpu_supports(int isa) {
    __builtin_cpu_init();
    switch (isa) {
    case TESSERA_SLEEF_ISA_SSE2: return __builtin_cpu_supports("sse2") != 0;
    case TESSERA_SLEEF_ISA_AVX2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case TESSERA_SLEEF_ISA_AVX512F: return __builtin_cpu_supports("avx512f") != 0;
    default: return 0;
    }
}

void *tessera_sleef_symbol(const char *name) {
    if (!ts_handle) return NULL;
    return dlsym(ts_handle, name);
}
