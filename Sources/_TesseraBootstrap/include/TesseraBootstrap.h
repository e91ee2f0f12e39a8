#ifndef TESSERA_BOOTSTRAP_H
#define TESSERA_BOOTSTRAP_H

// Internal to Tessera; no stable API.
//
// The umbrella module `Tessera` stores the function that makes its backends known
// here from a load-time constructor (it only assigns a pointer; no Swift code runs at
// load time). TesseraCore calls it on first use and then applies TESSERA_BACKEND, so
// `import Tessera` alone is enough to get the chosen backends.
typedef void (*tessera_installer_fn)(void);
extern tessera_installer_fn _Nullable tessera_default_installer;

/// Reads the installer (Swift cannot read a mutable C global safely).
tessera_installer_fn _Nullable tessera_get_default_installer(void);

#endif
