import Foundation
import HTTPServer
import Identity
import SCIM

/// What a SCIM handler knows about the request it serves.
struct SCIMRequestContext: Sendable {
    let request: HTTPRequest
    let principal: ProvisioningPrincipal
    let requestID: String
    /// `<public base URL>/scim/v2`, without a trailing slash.
    let baseURL: String

    func body() throws -> JSONValue {
        guard !request.body.isEmpty else { throw SCIMError.invalidSyntax("The request has no JSON body.") }
        return try JSONValue.parse(request.body)
    }

    var queryItems: [(name: String, value: String)] { request.query }

    /// The `attributes` / `excludedAttributes` parameters (RFC 7644 §3.4.2.5), also honoured on single resources.
    func projection(for resourceType: SCIMResourceType) -> SCIMProjection {
        func list(_ name: String) -> [String] {
            request.query.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }
                .flatMap { $0.value.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        return SCIMProjection(
            attributes: list("attributes"), excludedAttributes: list("excludedAttributes"), resourceType: resourceType)
    }
}
