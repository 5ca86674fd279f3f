import Foundation
import Postgres
import SCIM
import Storage

extension GatewayCommandLine {
    /// `dashboard link --tenant ID`: a one-time link that signs the tenant's first administrator in to the dashboard,
    /// before any IdP is connected. Only a hash of its code is stored; it works once, within 15 minutes.
    static func dashboardLink(_ arguments: CommandLineArguments) throws -> [String: JSONValue] {
        let text = try arguments.required("tenant")
        guard let tenantID = UUID(uuidString: text) else {
            throw CommandLineArguments.UsageError(description: "--tenant must be an id (UUID), got '\(text)'.")
        }
        let configuration = try GatewayConfiguration.fromEnvironment()
        let pool = PostgresPool(
            configuration: PostgresConfiguration(connectionString: configuration.databaseURL, poolSize: 1))
        defer { pool.close() }
        guard try AdministrationRepository(pool: pool).tenant(id: tenantID) != nil else {
            throw AdministrationError.tenantNotFound(tenantID)
        }
        let (code, expiresAt) = try DashboardSignInLink.issue(
            tenantID: tenantID, store: DashboardSessionStore(pool: pool))
        return [
            "url": .string(DashboardSignInLink.url(baseURL: dashboardBaseURL(configuration), code: code)),
            "code": .string(code), "expiresAt": .string(SCIMDateTime.format(expiresAt)),
        ]
    }

    /// Where administrators reach the service: the public URL, else the listen address (a wildcard as loopback).
    private static func dashboardBaseURL(_ configuration: GatewayConfiguration) -> String {
        if let base = configuration.publicBaseURL { return base }
        var host = configuration.listenHost
        if host == "0.0.0.0" { host = "127.0.0.1" }
        if host == "::" { host = "::1" }
        if host.contains(":") { host = "[\(host)]" }
        return "http://\(host):\(configuration.listenPort)"
    }
}
