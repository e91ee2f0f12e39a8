#ifndef TESSERA_FUZZ_DRIVER_H
#define TESSERA_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver (`LLVMFuzzerRunDriver`, in the toolchain's
/// libclang_rt.fuzzer, linked by `-sanitize=fuzzer`) on the process arguments.
int tessera_fuzz_main(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
