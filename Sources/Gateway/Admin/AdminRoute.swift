import HTTPServer
import SCIM

/// One operation of the admin API: what the router matches, who may call it, what runs, and how the OpenAPI
/// document describes it. The route table (`AdminRoute.all`) is the single source of both routing and the document.
struct AdminRoute: Sendable {
    /// Who may call the route.
    enum Access: Sendable {
        /// No key: the API's own description.
        case open
        /// Any valid admin key.
        case anyKey
        /// Only a deployment-wide key; a tenant key gets 403.
        case deployment
        /// A key reaching the `{tenantId}` of the path; another tenant's key gets 404, as if it did not exist.
        case tenant
    }

    /// A documented query parameter.
    struct Parameter: Sendable {
        let name: String
        let schema: JSONValue
        let description: String
    }

    let method: String
    /// The path below `/api/v1`, `{name}` marking a parameter, e.g. `/tenants/{tenantId}/roles/{roleId}`.
    let path: String
    let operationID: String
    let tag: String
    let summary: String
    let access: Access
    var query: [Parameter] = []
    /// The component schema of the JSON body, if the operation takes one.
    var requestSchema: String?
    var successStatus = 200
    /// A second success status with the same body (an idempotent create that found the grant already there).
    var alternateSuccessStatus: Int?
    /// The component schema of the success body; nil for 204.
    var responseSchema: String?
    /// Whether the operation can answer 409.
    var conflicts = false
    let handler: @Sendable (AdminEndpoints, AdminRequestContext) throws -> HTTPResponse

    /// The path's segments, parameters as `{name}`.
    var segments: [Substring] { path.split(separator: "/") }

    /// The path parameters when `segments` match this route's template; nil otherwise.
    func match(_ segments: [String]) -> [String: String]? {
        let template = self.segments
        guard template.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (pattern, segment) in zip(template, segments) {
            if pattern.hasPrefix("{") {
                parameters[String(pattern.dropFirst().dropLast())] = segment
            } else if pattern != segment {
                return nil
            }
        }
        return parameters
    }

    /// Literal segments count: the more, the more specific (`/mapping-rules/order` before `/mapping-rules/{id}`).
    var specificity: Int { segments.filter { !$0.hasPrefix("{") }.count }
}
