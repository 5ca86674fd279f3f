import Foundation
import Postgres

/// Turns one finished request into metric samples, and renders `/metrics` with the gauges read at scrape time.
struct RequestMetrics: Sendable {
    let registry: MetricsRegistry
    let pool: PostgresPool
    /// Open HTTP connections, read from the server once it exists.
    let openConnections: @Sendable () -> Int

    /// Methods counted under their own name. The method is any token a client sends, unauthenticated, and each new
    /// label value is a series kept for the life of the process: random methods grew memory without bound (issue 8).
    static let countedMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    func record(_ log: RequestLog, seconds: Double) {
        let provider = log.providerID?.uuidString.lowercased() ?? ""
        let method = Self.countedMethods.contains(log.method) ? log.method : "other"
        registry.increment(
            "scim_gateway_http_requests_total",
            .init([("route", log.route), ("method", method), ("status", String(log.status)), ("provider", provider)]))
        registry.observe("scim_gateway_http_request_duration_seconds", .init([("route", log.route)]), seconds: seconds)
        if let operation = Self.provisioningOperation(log) {
            registry.increment("scim_gateway_provisioning_operations_total", .init(operation))
        }
    }

    func render() -> String {
        let statistics = pool.statistics
        return registry.render(gauges: [
            (
                "scim_gateway_db_pool_connections", "PostgreSQL connections of this replica by state.",
                .init([("state", "open")]), Double(statistics.open)
            ),
            ("scim_gateway_db_pool_connections", "", .init([("state", "in_use")]), Double(statistics.inUse)),
            ("scim_gateway_db_pool_connections", "", .init([("state", "idle")]), Double(statistics.idle)),
            (
                "scim_gateway_db_pool_waiting", "Requests waiting for a PostgreSQL connection.", .init([]),
                Double(statistics.waiting)
            ),
            ("scim_gateway_http_open_connections", "Open client connections.", .init([]), Double(openConnections())),
        ])
    }

    /// A successful write to Users or Groups, as (resource, operation) labels.
    private static func provisioningOperation(_ log: RequestLog) -> [(String, String)]? {
        guard (200..<300).contains(log.status),
            log.route.hasPrefix("/scim/v2/Users") || log.route.hasPrefix("/scim/v2/Groups"),
            !log.route.hasSuffix(".search")
        else { return nil }
        let resource = log.route.hasPrefix("/scim/v2/Users") ? "User" : "Group"
        let operation: String
        switch log.method.uppercased() {
        case "POST": operation = "create"
        case "PUT": operation = "replace"
        case "PATCH": operation = "patch"
        case "DELETE": operation = "delete"
        default: return nil
        }
        return [("resource", resource), ("operation", operation)]
    }
}
