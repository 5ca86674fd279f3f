import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage

/// Routes `/scim/v2/...` requests after authenticating the bearer token.
///
/// Paths are matched leniently (IDP_BEHAVIOUR.md §0.3): doubled or trailing slashes and the resource name's case do
/// not matter, and unknown query parameters such as Entra's `aadOptscim062020` are ignored.
struct SCIMRouter: Sendable {
    static let prefix = "/scim/v2"

    let users: SCIMUsersEndpoint
    let groups: SCIMGroupsEndpoint
    let rootSearch: SCIMRootSearch
    let accessGuard: SCIMAccessGuard
    let limits: SCIMLimits

    /// The route template for logs and metrics, and the handler's answer.
    func handle(_ request: HTTPRequest, segments: [String], requestID: String, baseURL: String, log: inout RequestLog)
        throws -> HTTPResponse
    {
        // The route is known before the token is checked, so a 401 or 429 is logged and counted under it.
        let route = SCIMRoute(segments: segments)
        log.route = route.template
        let principal = try authenticate(request)
        log.tenantID = principal.tenantID
        log.providerID = principal.providerID
        log.principal = principal
        let context = SCIMRequestContext(
            request: request, principal: principal, requestID: requestID, baseURL: baseURL + Self.prefix)
        let method = request.method.uppercased()
        switch route {
        case .users(let id):
            return try dispatchUsers(method, id, context)
        case .groups(let id):
            return try dispatchGroups(method, id, context)
        case .resourceSearch(let isUsers):
            try Self.require(method, in: ["POST"])
            return isUsers ? try users.search(context) : try groups.search(context)
        case .rootSearch:
            try Self.require(method, in: ["POST"])
            return try rootSearch.search(context)
        case .serviceProviderConfig:
            return try discovery(method) {
                SCIMDiscovery.serviceProviderConfig(limits.options, baseURL: context.baseURL)
            }
        case .resourceTypes(let id):
            return try discovery(method) {
                guard let id else { return SCIMDiscovery.resourceTypes(baseURL: context.baseURL) }
                return SCIMDiscovery.resourceType(named: id, baseURL: context.baseURL)
            }
        case .schemas(let id):
            return try discovery(method) {
                guard let id else { return SCIMDiscovery.schemas(baseURL: context.baseURL) }
                return SCIMDiscovery.schema(id: id, baseURL: context.baseURL)
            }
        case .bulk:
            try Self.require(method, in: ["POST"])
            return try SCIMBulkEndpoint(limits: limits).handle(context) { method, segments, inner in
                let id = segments.count > 1 ? segments[1] : nil
                return try segments[0].lowercased() == "users"
                    ? dispatchUsers(method, id, inner) : dispatchGroups(method, id, inner)
            }
        case .me:
            throw SCIMError(status: 501, detail: "/Me is not supported: provisioning tokens do not represent a user.")
        case .unknown:
            throw SCIMError.notFound("No SCIM endpoint at this path.")
        }
    }

    private func dispatchUsers(_ method: String, _ id: String?, _ context: SCIMRequestContext) throws -> HTTPResponse {
        switch (method, id) {
        case ("GET", nil), ("HEAD", nil): return try users.list(context)
        case ("POST", nil): return try users.create(context)
        case ("GET", let id?), ("HEAD", let id?): return try users.get(context, id: id)
        case ("PUT", let id?): return try users.replace(context, id: id)
        case ("PATCH", let id?): return try users.patch(context, id: id)
        case ("DELETE", let id?): return try users.delete(context, id: id)
        default: throw SCIMMethodNotAllowed(method, allowed: id == nil ? Self.collectionMethods : Self.resourceMethods)
        }
    }

    private func dispatchGroups(_ method: String, _ id: String?, _ context: SCIMRequestContext) throws -> HTTPResponse {
        switch (method, id) {
        case ("GET", nil), ("HEAD", nil): return try groups.list(context)
        case ("POST", nil): return try groups.create(context)
        case ("GET", let id?), ("HEAD", let id?): return try groups.get(context, id: id)
        case ("PUT", let id?): return try groups.replace(context, id: id)
        case ("PATCH", let id?): return try groups.patch(context, id: id)
        case ("DELETE", let id?): return try groups.delete(context, id: id)
        default: throw SCIMMethodNotAllowed(method, allowed: id == nil ? Self.collectionMethods : Self.resourceMethods)
        }
    }

    private static let collectionMethods = ["GET", "HEAD", "POST"]
    private static let resourceMethods = ["GET", "HEAD", "PUT", "PATCH", "DELETE"]

    private static func require(_ method: String, in allowed: [String]) throws {
        guard allowed.contains(method) else { throw SCIMMethodNotAllowed(method, allowed: allowed) }
    }

    private func discovery(_ method: String, _ document: () -> JSONValue?) throws -> HTTPResponse {
        try Self.require(method, in: ["GET", "HEAD"])
        guard let json = document() else { throw SCIMError.notFound("No such discovery document.") }
        return SCIMResponse.json(json)
    }

    /// `Authorization: Bearer <token>` (RFC 6750 §2.1; the scheme is case-insensitive). Unknown, rotated and
    /// malformed tokens get the same answer.
    private func authenticate(_ request: HTTPRequest) throws -> ProvisioningPrincipal {
        try accessGuard.authenticate(request, presented: Self.bearerToken(request))
    }

    /// The token of `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 6750 §2.1).
    private static func bearerToken(_ request: HTTPRequest) -> String? {
        guard let header = request.headers["Authorization"] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
