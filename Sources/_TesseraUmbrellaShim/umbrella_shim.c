#include "TesseraBootstrap.h"
#include "TesseraUmbrellaShim.h"

// Implemented in Swift by the `Tessera` module (@_cdecl).
extern void tessera_umbrella_install_backends(void);

// Runs when the program is loaded: records the installer; installation itself
// happens lazily, on the first ufunc call.
__attribute__((constructor)) static void tessera_register_umbrella_installer(void) {
    tessera_default_installer = tessera_umbrella_install_backends;
}
