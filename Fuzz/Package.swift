// swift-tools-version:6.0
// libFuzzer targets for Tessera's parsers of outside data (issue 9, item 3).
//
// A separate package, so that the main package has no fuzz-only targets. Each target
// defines `LLVMFuzzerTestOneInput`; its `@main` hands the process arguments to libFuzzer's
// driver (SwiftPM aliases `main` to the module's own entry point, so libFuzzer's `main`
// cannot be used). The sanitizer
// flags are passed on the command line, never here (no unsafe build flags in any manifest, SPEC §4):
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
