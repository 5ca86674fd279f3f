import OIDC
import SCIM
import Testing

/// One way to change the standard test claims, and the failure it must produce (nil: still accepted).
struct ClaimCase: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: OIDCError.Code?
    let change: @Sendable (inout [String: JSONValue]) -> Void

    init(_ name: String, _ expected: OIDCError.Code?, _ change: @escaping @Sendable (inout [String: JSONValue]) -> Void)
    {
        self.name = name
        self.expected = expected
        self.change = change
    }

    var testDescription: String { name }
}
