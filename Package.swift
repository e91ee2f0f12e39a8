// swift-tools-version:6.0
// Tessera — NumPy's array and ufunc core for Swift on Linux.
//
// No target passes unsafe compiler flags: SwiftPM refuses a product with unsafe flags to
// packages that depend on it by version. C shims select instruction sets per function.
import PackageDescription

let package = Package(
    name: "Tessera",
    products: [
        .library(name: "Tessera", targets: ["Tessera"]),
        .library(name: "TesseraCore", targets: ["TesseraCore"]),
        .library(name: "TesseraScalar", targets: ["TesseraScalar"]),
        .library(name: "TesseraSLEEF", targets: ["TesseraSLEEF"]),
        .library(name: "TesseraOpenBLAS", targets: ["TesseraOpenBLAS"]),
        .library(name: "TesseraOpenMP", targets: ["TesseraOpenMP"]),
        .library(name: "TesseraSIMD", targets: ["TesseraSIMD"]),
        .executable(name: "bench", targets: ["bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // MARK: Core
        .target(
            name: "_TesseraBootstrap",
            path: "Sources/_TesseraBootstrap"
        ),
        // Copy kernels that need streaming stores (SSE2), which Swift cannot spell.
        .target(
            name: "_TesseraCoreKernels",
            path: "Sources/_TesseraCoreKernels"
        ),
        .target(
            name: "TesseraCore",
            dependencies: [
                "_TesseraBootstrap",
                "_TesseraCoreKernels",
                .product(name: "ComplexModule", package: "swift-numerics"),
                .product(name: "RealModule", package: "swift-numerics"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Sources/TesseraCore",
            exclude: [
                "Random/generate_ziggurat.py",
                "Random/generate_mt19937_jump.py",
                "UFunc/Catalogue/catalogue.py",
                "UFunc/Catalogue/generate_catalogue.py",
            ]
        ),

        // MARK: Backends
        // Every backend: Backends/<X>/Tessera<X>/ (Swift) and, where it has C code,
        // Backends/<X>/_Tessera<X>Shim/, imported with `internal import`.
        //
        // The scalar shim: glibc's C99 complex functions (NumPy's complex loops call
        // them); Swift cannot import `double _Complex`.
        .target(
            name: "_TesseraScalarShim",
            path: "Backends/Scalar/_TesseraScalarShim",
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "TesseraScalar",
            dependencies: [
                "TesseraCore",
                "_TesseraScalarShim",
                .product(name: "ComplexModule", package: "swift-numerics"),
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            path: "Backends/Scalar/TesseraScalar"
        ),
        .target(
            name: "TesseraOpenBLAS",
            dependencies: [
                "TesseraCore",
                .product(name: "ComplexModule", package: "swift-numerics"),
            ],
            path: "Backends/OpenBLAS/TesseraOpenBLAS"
        ),

        .target(
            name: "_TesseraSLEEFShim",
            path: "Backends/SLEEF/_TesseraSLEEFShim",
            exclude: ["LoopTemplate.inc"],
            linkerSettings: [.linkedLibrary("m")]
        ),
        .target(
            name: "TesseraSLEEF",
            dependencies: ["TesseraCore", "_TesseraSLEEFShim"],
            path: "Backends/SLEEF/TesseraSLEEF"
        ),

        // Vector kernels compiled per instruction-set level with target attributes; one
        // subfolder per family, one header per family in include/.
        .target(
            name: "_TesseraSIMDShim",
            path: "Backends/SIMD/_TesseraSIMDShim"
        ),
        .target(
            name: "TesseraSIMD",
            dependencies: ["TesseraCore", "_TesseraSIMDShim"],
            path: "Backends/SIMD/TesseraSIMD"
        ),

        .target(
            name: "_TesseraOpenMPShim",
            path: "Backends/OpenMP/_TesseraOpenMPShim",
            linkerSettings: [.linkedLibrary("dl")]
        ),
        .target(
            name: "TesseraOpenMP",
            dependencies: ["TesseraCore", "_TesseraOpenMPShim"],
            path: "Backends/OpenMP/TesseraOpenMP"
        ),

        // MARK: Umbrella
        .target(
            name: "_TesseraUmbrellaShim",
            dependencies: ["_TesseraBootstrap"],
            path: "Sources/_TesseraUmbrellaShim"
        ),
        .target(
            name: "Tessera",
            dependencies: [
                "TesseraCore",
                "TesseraScalar",
                "TesseraSLEEF",
                "TesseraOpenBLAS",
                "TesseraOpenMP",
                "TesseraSIMD",
                "_TesseraUmbrellaShim",
                .product(name: "ComplexModule", package: "swift-numerics"),
            ],
            path: "Sources/Tessera"
        ),

        // MARK: Benchmark harness
        .executableTarget(
            name: "bench",
            dependencies: [
                "Tessera",
                "BenchmarkKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/bench"
        ),
        // Result files, statistics, comparison and report rendering: no Tessera dependency,
        // so that any two versions of the harness agree on them.
        .target(
            name: "BenchmarkKit",
            path: "Benchmarks/BenchmarkKit"
        ),

        // MARK: Tests
        .target(
            name: "_TesseraTestSupport",
            dependencies: ["Tessera"],
            path: "Tests/_TesseraTestSupport"
        ),
        .testTarget(
            name: "TesseraCoreTests",
            dependencies: ["TesseraCore", "TesseraScalar", "_TesseraTestSupport"],
            path: "Tests/TesseraCoreTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TesseraScalarTests",
            dependencies: ["TesseraScalar", "_TesseraTestSupport"],
            path: "Tests/TesseraScalarTests"
        ),
        .testTarget(
            name: "TesseraSLEEFTests",
            dependencies: ["TesseraSLEEF", "Tessera", "_TesseraTestSupport"],
            path: "Tests/TesseraSLEEFTests"
        ),
        .testTarget(
            name: "TesseraOpenMPTests",
            dependencies: ["TesseraOpenMP", "Tessera", "_TesseraTestSupport"],
            path: "Tests/TesseraOpenMPTests"
        ),
        .testTarget(
            name: "TesseraSIMDTests",
            dependencies: ["TesseraSIMD", "Tessera", "_TesseraTestSupport"],
            path: "Tests/TesseraSIMDTests"
        ),
        .testTarget(
            name: "BenchmarkKitTests",
            dependencies: ["BenchmarkKit"],
            path: "Tests/BenchmarkKitTests"
        ),
        .testTarget(
            name: "TesseraOpenBLASTests",
            dependencies: ["TesseraOpenBLAS", "TesseraScalar", "_TesseraTestSupport"],
            path: "Tests/TesseraOpenBLASTests"
        ),
        .testTarget(
            name: "TesseraTests",
            dependencies: ["Tessera", "_TesseraTestSupport"],
            path: "Tests/TesseraTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
