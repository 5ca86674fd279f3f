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

    /// The parsed body. A NUL character (`"\u0000"`) in any key or string is refused: PostgreSQL can store it neither
    /// in text nor in jsonb, so it would otherwise fail the write with a database error (issue 8, hostile tests).
    func body() throws -> JSONValue {
        guard !request.body.isEmpty else { throw SCIMError.invalidSyntax("The request has no JSON body.") }
        let json = try JSONValue.parse(request.body)
        guard !Self.containsNUL(json) else {
            throw SCIMError.invalidValue("The request contains a NUL character (\\u0000), which cannot be stored.")
        }
        return json
    }

    private static func containsNUL(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): text.utf8.contains(0)
        case .array(let elements): elements.contains(where: containsNUL)
        case .object(let members): members.contains { $0.key.utf8.contains(0) || containsNUL($0.value) }
        case .null, .bool, .integer, .double: false
        }
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
