/// The JWS algorithms this gateway verifies (RFC 7518 §3.1). `none` and the HMAC family are deliberately
/// absent: an ID token signed with the client secret or not at all is never accepted.
public enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3).
    case rs256 = "RS256"
    /// ECDSA with P-256 and SHA-256 (RFC 7518 §3.4).
    case es256 = "ES256"
}
