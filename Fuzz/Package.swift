// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the parsers that read what a client sends (issue 8). A package of its own, so the fuzzing
// flags never reach the product build: `Sources/HTTPServer` and `Sources/SCIM` here are symbolic links to the
// product's targets, compiled again with coverage instrumentation.
//
// Build and run through `scripts/fuzz`, which passes `--sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address` (its
// comment says why both). Each fuzzer is one file exporting `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
let package = Package(
    name: "scim-gateway-fuzz",
    targets: [
        .target(name: "HTTPServer"),
        .target(name: "SCIM"),
        .executableTarget(name: "HTTPRequestFuzzer", dependencies: ["HTTPServer"]),
        .executableTarget(name: "SCIMFilterFuzzer", dependencies: ["SCIM"]),
        .executableTarget(name: "SCIMPatchFuzzer", dependencies: ["SCIM"]),
        .executableTarget(name: "SCIMResourceFuzzer", dependencies: ["SCIM"]),
        .executableTarget(name: "SCIMProvisioningLogFuzzer", dependencies: ["SCIM"]),
    ],
    swiftLanguageModes: [.v6]
)
