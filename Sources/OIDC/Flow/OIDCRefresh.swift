/// A completed refresh: the new tokens, the refresh token to keep, and the ID token when the provider sent one.
public struct OIDCRefresh: Sendable {
    public let tokens: OIDCTokenResponse
    /// The new refresh token, or the one presented when the provider did not rotate it (RFC 6749 §6).
    public let refreshToken: String
    /// Verified when present; refresh responses may omit it (OIDC Core §12.2).
    public let idToken: VerifiedIDToken?
}
