// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "scim-gateway",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "scim-gateway", targets: ["scim-gateway"])
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "Crypto", dependencies: ["CCrypto"]),
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        .target(name: "HTTPServer"),
        .target(name: "SCIM"),
        .target(name: "Identity", dependencies: ["SCIM", "Crypto"]),
        .target(name: "Storage", dependencies: ["Postgres", "Identity", "SCIM"]),
        .target(name: "OIDC", dependencies: ["CCrypto", "CCurl", "Crypto", "SCIM"]),
        .target(
            name: "Gateway", dependencies: ["HTTPServer", "Storage", "Identity", "SCIM", "Crypto", "Postgres", "OIDC"]),
        .executableTarget(name: "scim-gateway", dependencies: ["Gateway"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"]),
        .testTarget(name: "OIDCTests", dependencies: ["OIDC", "SCIM", "CCrypto"]),
        .testTarget(name: "SCIMTests", dependencies: ["SCIM"]),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", "SCIM"]),
        .target(name: "TestSupport", dependencies: ["Postgres", "Storage"], path: "Tests/TestSupport"),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Postgres", "Identity", "SCIM", "TestSupport"]),
        .testTarget(
            name: "GatewayTests",
            dependencies: ["Gateway", "HTTPServer", "Storage", "Identity", "SCIM", "Postgres", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
