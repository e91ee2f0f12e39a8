// SwiftPM links every executable with `main` aliased to the module's entry point
// (`<Module>_main`), so libFuzzer's own `main` is never used: each target's `@main`
// calls this, which hands the arguments to libFuzzer's driver.
#include "FuzzDriver.h"

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int tessera_fuzz_main(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size)) {
    return LLVMFuzzerRunDriver(&argc, &argv, test_one_input);
}
