/// A SCIM protocol error: an HTTP status, an optional `scimType` and a detail safe to show the client.
///
/// The detail never carries stack traces or SQL; it names the offending attribute, parameter or byte so
/// an IdP administrator can act on it. `json` is the RFC 7644 §3.12 error body.
public struct SCIMError: Error, Sendable, Equatable, CustomStringConvertible {
    public static let errorSchemaURN = "urn:ietf:params:scim:api:messages:2.0:Error"

    public let status: Int
    public let scimType: SCIMErrorType?
    public let detail: String

    public init(status: Int, scimType: SCIMErrorType? = nil, detail: String) {
        self.status = status
        self.scimType = scimType
        self.detail = detail
    }

    /// The error body. `status` is a JSON string as RFC 7644 §3.12 specifies (Okta accepts both forms).
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "schemas": [.string(Self.errorSchemaURN)],
            "status": .string(String(status)),
            "detail": .string(detail),
        ]
        if let scimType { members["scimType"] = .string(scimType.rawValue) }
        return .object(members)
    }

    public var description: String {
        "SCIMError(\(status)\(scimType.map { " \($0.rawValue)" } ?? ""): \(detail))"
    }
}
