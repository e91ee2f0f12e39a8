// The umbrella module: `import Tessera` gives the core and every backend, and the
// backends chosen by TESSERA_BACKEND are installed on the first ufunc call.
@_exported import TesseraCore
@_exported import TesseraScalar
@_exported import TesseraSLEEF
@_exported import TesseraOpenBLAS
@_exported import TesseraOpenMP
@_exported import TesseraSIMD
@_exported import ComplexModule

/// Makes every backend module known to the selection machinery. Called by TesseraCore
/// on first use (see `_TesseraUmbrellaShim`), which then applies `TESSERA_BACKEND`.
@_cdecl("tessera_umbrella_install_backends")
func tesseraUmbrellaInstallBackends() {
    registerBundledBackends()
}

/// Makes the bundled backends known and installs the configuration `TESSERA_BACKEND`
/// asks for, throwing (instead of stopping, as the automatic first-use path does) when
/// the variable names an unknown or unavailable backend. Programs that take the
/// variable from their users call this first.
public func installBackendsFromEnvironment() throws {
    registerBundledBackends()
    try Backends.use(Backends.environmentSpecification)
}

/// Registers the backends this package ships with the selection machinery, in the
/// order `all` installs them. Safe to call more than once.
public func registerBundledBackends() {
    Backends.registerKnown(ScalarBackend())
    // SLEEF ranks above SIMD, except for the SIMD elementary loops measured faster than
    // SLEEF's at equal or better accuracy.
    Backends.registerKnown(SLEEFBackend(keepsInstalledLoop: SIMDBackend.outranksSLEEF))
    Backends.registerKnown(OpenBLASBackend())
    // Vector loops for the basic ufuncs: above scalar, below the library backends.
    Backends.registerKnown(SIMDBackend())
    // A wrapper: installed after every loop backend, around whatever loops are active.
    Backends.registerKnown(OpenMPBackend())
}
