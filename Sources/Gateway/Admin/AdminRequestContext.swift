import Foundation
import HTTPServer
import Storage

/// What an admin endpoint knows about the request it serves: the caller, the path's parameters, the query.
struct AdminRequestContext: Sendable {
    let request: HTTPRequest
    /// The caller's key; nil only on routes that need none (the OpenAPI document).
    let principal: AdminPrincipal?
    /// Path parameters by the names in the route template, e.g. `tenantId`.
    let parameters: [String: String]
    let requestID: String
    /// The public base URL, without a trailing slash.
    let baseURL: String
    let limits: AdminLimits

    /// A path parameter as an id; a malformed one names nothing, so it answers 404.
    func id(_ name: String, _ what: String) throws -> UUID {
        guard let text = parameters[name], let id = UUID(uuidString: text) else {
            throw AdminAPIError(.notFound, "No \(what) has the id \(parameters[name] ?? "").")
        }
        return id
    }

    /// The tenant of a tenant-scoped route; the router has already checked that the caller reaches it.
    func tenantID() throws -> UUID {
        try id("tenantId", "tenant")
    }

    func body(allowed: Set<String>) throws -> AdminRequestBody {
        try AdminRequestBody(request.body, allowed: allowed, limits: limits)
    }

    /// A query parameter's value, its name compared exactly; nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = request.query.first(where: { $0.name == name })?.value, !value.isEmpty else { return nil }
        return value
    }

    func queryID(_ name: String) throws -> UUID? {
        guard let text = query(name) else { return nil }
        guard let id = UUID(uuidString: text) else { throw AdminAPIError.parameter(name, "an id (UUID)") }
        return id
    }

    /// `limit` (clamped to the maximum page size) and `cursor` of a list.
    func page() throws -> AdminPageRequest {
        var limit = limits.defaultPageSize
        if let text = query("limit") {
            guard let number = Int(text), number >= 1 else {
                throw AdminAPIError.parameter("limit", "a positive integer")
            }
            limit = min(number, limits.maxPageSize)
        }
        var after: AdminCursor?
        if let token = query("cursor") {
            guard let cursor = AdminCursor(token: token) else {
                throw AdminAPIError.parameter("cursor", "a next_cursor value from an earlier page")
            }
            after = cursor
        }
        return AdminPageRequest(limit: limit, after: after)
    }
}
