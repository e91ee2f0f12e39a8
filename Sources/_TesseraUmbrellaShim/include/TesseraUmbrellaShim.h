#ifndef TESSERA_UMBRELLA_SHIM_H
#define TESSERA_UMBRELLA_SHIM_H
// Internal to Tessera; no stable API. See umbrella_shim.c.
#endif
