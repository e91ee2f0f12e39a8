#include "TesseraBootstrap.h"

tessera_installer_fn _Nullable tessera_default_installer = 0;

tessera_installer_fn _Nullable tessera_get_default_installer(void) {
    return tessera_default_installer;
}
