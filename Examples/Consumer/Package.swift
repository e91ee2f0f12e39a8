// swift-tools-version:6.0
// A tiny package that depends on Tessera by version, as a user's package would.
// ci/consumer.sh publishes the checkout as a local git repository tagged 1.0.0 at
// the URL below and builds this package against it: a product with unsafe build flags,
// or anything else that breaks versioned dependencies, fails here.
import PackageDescription

let package = Package(
    name: "Consumer",
    dependencies: [
        .package(url: "file:///tmp/tessera-consumer/Tessera.git", from: "1.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [.product(name: "Tessera", package: "Tessera")]
        ),
    ]
)
