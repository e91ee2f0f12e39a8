// The umbrella module: `import Tessera` gives the core and every backend, and the
// backends chosen by TESSERA_BACKEND are installed on the first ufunc call.
@_exported import TesseraCore
@_exported import TesseraScalar
@_exported import TesseraSLEEF
@_exported import TesseraOpenMP
@_exported import ComplexModule

/// Makes every backend module known to the selection machinery, then applies
/// `TESSERA_BACKEND`. Called by TesseraCore on first use (see `_TesseraUmbrellaShim`).
@_cdecl("tessera_umbrella_install_backends")
func tesseraUmbrellaInstallBackends() {
    registerBundledBackends()
    do {
        try Backends.use(Backends.environmentSpecification)
    } catch {
        // A bad TESSERA_BACKEND in a program that never asked for a throwing path:
        // stop with the message (a service uses `Backends.use` itself to handle it).
        fatalError("\(error)")
    }
}

/// Registers the backends this package ships with the selection machinery, in the
/// order `all` installs them. Safe to call more than once.
public func registerBundledBackends() {
    Backends.registerKnown(ScalarBackend())
    Backends.registerKnown(SLEEFBackend())
    // A wrapper: installed after every loop backend, around whatever loops are active.
    Backends.registerKnown(OpenMPBackend())
}
