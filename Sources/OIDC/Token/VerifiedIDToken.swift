import Foundation
import SCIM

/// An ID token whose signature and standard claims have been checked by `JWTVerifier`.
public struct VerifiedIDToken: Sendable, Hashable {
    public let algorithm: JWSAlgorithm
    /// The `kid` of the key that verified the signature, when the key had one.
    public let keyID: String?
    /// The whole claim set, for claim mappings (groups, roles, email...).
    public let claims: JSONValue
    public let issuer: String
    public let subject: String
    public let audiences: [String]
    public let authorizedParty: String?
    public let expiresAt: Date
    public let issuedAt: Date
    public let notBefore: Date?
    public let nonce: String?

    /// The claim named exactly `name`.
    public subscript(claim name: String) -> JSONValue? {
        claims[name]
    }
}
