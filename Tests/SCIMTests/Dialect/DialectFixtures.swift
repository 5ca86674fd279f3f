import Foundation
import SCIM
import Testing

/// A request as an IdP sent it, written the way the IdP documentation shows it.
struct IdPRequest: CustomTestStringConvertible, Sendable {
    let name: String
    let method: String
    let target: String
    var body: String?
    var userAgent: String?
    var contentType: String?

    init(
        _ name: String, _ method: String, _ target: String, body: String? = nil, userAgent: String? = nil,
        contentType: String? = nil
    ) {
        self.name = name
        self.method = method
        self.target = target
        self.body = body
        self.userAgent = userAgent
        self.contentType = contentType ?? (body == nil ? nil : "application/scim+json")
    }

    var testDescription: String { name }

    /// The request as the gateway hands it to recognition: path and query split and decoded, body parsed.
    func observed() throws -> SCIMObservedRequest {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let query: [(name: String, value: String)] =
            parts.count < 2
            ? []
            : parts[1].split(separator: "&").map { item in
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decode(_ text: Substring) -> String {
                    text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
                }
                return (decode(pair[0]), pair.count > 1 ? decode(pair[1]) : "")
            }
        let parsed = try body.map { try JSONValue.parse($0) }
        return SCIMObservedRequest(
            method: method, path: String(parts[0]), query: query, userAgent: userAgent, contentType: contentType,
            body: parsed, bodyByteCount: body?.utf8.count ?? 0)
    }
}

let oktaAgent = "Okta SCIM Client 1.0.0"
let entraAgent = "Microsoft Azure AD SCIM provisioning 1.0.0"
let patchOp = #""schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]"#
let memberID = "3f0d3c2e-58a1-4c6e-9b7a-2d1f0e9c8b7a"
