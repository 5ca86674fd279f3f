import Foundation
import OIDC

/// Every setting of the service, read from environment variables and validated at start-up.
///
/// The README's configuration table lists the same variables; a bad value stops start-up with a message naming it.
public struct GatewayConfiguration: Sendable {
    public var databaseURL: String
    /// The schema owner's database URL for `migrate`; the service's own role must not own the tables, or row-level
    /// security would not apply to it.
    public var migrationDatabaseURL: String
    public var listenHost: String
    public var listenPort: Int
    /// Base URL clients use to reach the service, without a trailing slash; nil derives it from the Host header.
    public var publicBaseURL: String?
    public var databasePoolSize: Int
    public var httpWorkers: Int
    public var maxBodyBytes: Int
    public var scimMaxResults: Int
    public var scimMaxPatchOperations: Int
    public var shutdownGracePeriod: Double
    /// Requests per second one provisioning token may make, across all replicas; 0 turns the limit off.
    public var scimRateLimitPerSecond: Int
    /// Failed authentications per minute from one client address, or with one token prefix, before 429.
    public var authFailureLimitPerMinute: Int
    /// 32-byte key sealing secrets at rest (OIDC client secrets, refresh tokens, PKCE verifiers); required for
    /// sign-in. Given as 64 hex digits or base64.
    public var secretKey: [UInt8]?
    /// Private, loopback and link-local addresses an OIDC issuer may resolve to (issue 8: SSRF); public addresses
    /// are always allowed.
    public var oidcAllowedNetworks: NetworkAllowlist
    /// How often a session is checked against the IdP with its refresh token (PRODUCT.md: every 15 minutes).
    public var sessionRefreshInterval: Double
    /// How long a session lives at most, refreshed or not.
    public var sessionLifetime: Double
    /// Retention of the per-provider provisioning log.
    public var provisioningLog: ProvisioningLogSettings
    public var sqlDirectory: URL
    /// The least severe level written to the log (`LOG_LEVEL`).
    public var logLevel: JSONLogger.Level = .info

    public struct Invalid: Error, CustomStringConvertible {
        public let variable: String
        public let reason: String
        public var description: String { "Configuration error: \(variable) \(reason)" }
    }

    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, requireDatabase: Bool = true
    ) throws -> GatewayConfiguration {
        let reader = EnvironmentReader(environment: environment)
        let databaseURL = environment["DATABASE_URL"] ?? ""
        if requireDatabase && databaseURL.isEmpty {
            throw Invalid(variable: "DATABASE_URL", reason: "must name the PostgreSQL database (postgres://…).")
        }
        if !databaseURL.isEmpty { _ = try Self.databaseURL(databaseURL, "DATABASE_URL") }
        let (host, port) = try parseListenAddress(environment["LISTEN_ADDRESS"] ?? "127.0.0.1:8080", "LISTEN_ADDRESS")
        var publicBaseURL = environment["PUBLIC_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let url = publicBaseURL {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil
            else { throw Invalid(variable: "PUBLIC_BASE_URL", reason: "must be an http(s) URL, got '\(url)'.") }
            while publicBaseURL?.hasSuffix("/") == true { publicBaseURL?.removeLast() }
        }
        let migrationURL =
            try environment["MIGRATION_DATABASE_URL"].flatMap {
                $0.isEmpty ? nil : try Self.databaseURL($0, "MIGRATION_DATABASE_URL")
            } ?? databaseURL
        return GatewayConfiguration(
            databaseURL: databaseURL, migrationDatabaseURL: migrationURL, listenHost: host, listenPort: port,
            publicBaseURL: publicBaseURL,
            databasePoolSize: try reader.integer("DB_POOL_SIZE", default: 10, in: 1...500),
            httpWorkers: try reader.integer("HTTP_WORKERS", default: 16, in: 1...1024),
            maxBodyBytes: try reader.integer("MAX_BODY_BYTES", default: 1_048_576, in: 1024...104_857_600),
            scimMaxResults: try reader.integer("SCIM_MAX_RESULTS", default: 200, in: 1...10_000),
            scimMaxPatchOperations: try reader.integer("SCIM_MAX_PATCH_OPERATIONS", default: 1000, in: 1...100_000),
            shutdownGracePeriod: Double(try reader.integer("SHUTDOWN_GRACE_SECONDS", default: 20, in: 0...600)),
            scimRateLimitPerSecond: try reader.integer("SCIM_RATE_LIMIT_PER_SECOND", default: 1000, in: 0...100_000),
            authFailureLimitPerMinute: try reader.integer(
                "AUTH_FAILURE_LIMIT_PER_MINUTE", default: 20, in: 1...100_000),
            secretKey: try secretKey(environment["SECRET_KEY"]),
            oidcAllowedNetworks: try allowlist(environment["OIDC_ALLOWED_NETWORKS"]),
            sessionRefreshInterval: Double(
                try reader.integer("SESSION_REFRESH_SECONDS", default: 900, in: 1...86_400)),
            sessionLifetime: Double(
                try reader.integer("SESSION_LIFETIME_SECONDS", default: 43_200, in: 60...2_592_000)),
            provisioningLog: try ProvisioningLogSettings.fromEnvironment(environment),
            sqlDirectory: try sqlDirectory(environment["SQL_DIR"]), logLevel: try logLevel(environment["LOG_LEVEL"]))
    }

    static func allowlist(_ text: String?) throws -> NetworkAllowlist {
        guard let text, !text.isEmpty else { return .none }
        do {
            return try NetworkAllowlist(parsing: text)
        } catch {
            throw Invalid(variable: "OIDC_ALLOWED_NETWORKS", reason: "must be comma-separated CIDRs, got '\(text)'.")
        }
    }

    /// 64 hex digits or base64 of exactly 32 bytes.
    static func secretKey(_ text: String?) throws -> [UInt8]? {
        guard let text, !text.isEmpty else { return nil }
        let invalid = Invalid(variable: "SECRET_KEY", reason: "must be 32 bytes as 64 hex digits or base64.")
        if text.count == 64, text.allSatisfy(\.isHexDigit) {
            var bytes: [UInt8] = []
            var index = text.startIndex
            while index < text.endIndex {
                let next = text.index(index, offsetBy: 2)
                guard let byte = UInt8(text[index..<next], radix: 16) else { throw invalid }
                bytes.append(byte)
                index = next
            }
            return bytes
        }
        guard let data = Data(base64Encoded: text), data.count == 32 else { throw invalid }
        return Array(data)
    }

    /// Parses `IPv4:PORT` or `[IPv6]:PORT`. The address is required and literal: every interface is written
    /// `0.0.0.0`, never implied by an empty host, and a host name would be resolved at bind time to who knows what.
    public static func parseListenAddress(_ text: String, _ variable: String) throws -> (String, Int) {
        let invalid = Invalid(
            variable: variable,
            reason: "must be ADDRESS:PORT with a literal IP address (127.0.0.1:8080, 0.0.0.0:8080, [::1]:8080), "
                + "got '\(text)'.")
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw invalid }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
            guard host.contains(":") else { throw invalid }
        } else if host.contains(":") {
            throw invalid
        }
        guard IPAddress(host) != nil else { throw invalid }
        return (host, port)
    }

    /// A libpq connection string: a `postgres://` or `postgresql://` URL, or `key=value` pairs.
    static func databaseURL(_ text: String, _ variable: String) throws -> String {
        if let separator = text.range(of: "://") {
            let scheme = text[..<separator.lowerBound].lowercased()
            guard scheme == "postgres" || scheme == "postgresql" else {
                throw Invalid(variable: variable, reason: "must be a postgres:// URL, got a \(scheme):// URL.")
            }
        } else if !text.contains("=") {
            throw Invalid(variable: variable, reason: "must be a postgres:// URL or libpq key=value pairs.")
        }
        return text
    }

    /// One of `debug`, `info`, `warning`, `error`, in any case; `info` when unset.
    static func logLevel(_ text: String?) throws -> JSONLogger.Level {
        guard let text, !text.isEmpty else { return .info }
        guard let level = JSONLogger.Level(rawValue: text.lowercased()) else {
            throw Invalid(variable: "LOG_LEVEL", reason: "must be debug, info, warning or error, got '\(text)'.")
        }
        return level
    }

    /// `SQL_DIR`, else `sql/` in the working directory, else beside the package the binary was built in.
    private static func sqlDirectory(_ configured: String?) throws -> URL {
        if let configured, !configured.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: configured, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw Invalid(variable: "SQL_DIR", reason: "must name a folder of migrations, got '\(configured)'.")
            }
            return URL(fileURLWithPath: configured)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("sql"),
            executable.deletingLastPathComponent().appendingPathComponent("../../../sql").standardized,
            executable.deletingLastPathComponent().appendingPathComponent("../share/scim-gateway/sql").standardized,
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }
}
