// swift-tools-version:6.0
// libFuzzer targets for Tessera's parsers of outside data: dtype strings, `.npy` and `.npz`
// files, `TESSERA_BACKEND` lists.
//
// A separate package, so that the main package has no fuzz-only targets. Each target
// defines `LLVMFuzzerTestOneInput`; its `@main` hands the process arguments to libFuzzer's
// driver (SwiftPM aliases `main` to the module's own entry point, so libFuzzer's `main`
// cannot be used). The sanitizer flags are passed on the command line, never in this
// manifest (a package with unsafe build flags cannot be depended on by version, and
// `ci/check-package.sh` rejects one):
//
//     swift build -c debug --package-path Fuzz \
//         -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//
// `ci/fuzz.sh` builds and runs every target on its seed corpus in `Corpus/<target>/`.
import PackageDescription

let package = Package(
    name: "TesseraFuzz",
    dependencies: [
        .package(name: "Tessera", path: ".."),
    ],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzDTypeParsing",
            dependencies: ["FuzzDriver", .product(name: "TesseraCore", package: "Tessera")]
        ),
        .executableTarget(
            name: "FuzzNPY",
            dependencies: ["FuzzDriver", .product(name: "TesseraCore", package: "Tessera")]
        ),
        .executableTarget(
            name: "FuzzNPZ",
            dependencies: ["FuzzDriver", .product(name: "TesseraCore", package: "Tessera")]
        ),
        .executableTarget(
            name: "FuzzBackendList",
            dependencies: ["FuzzDriver", .product(name: "Tessera", package: "Tessera")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
