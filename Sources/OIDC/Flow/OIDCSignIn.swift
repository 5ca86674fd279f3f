/// A completed code flow: the provider's tokens and the verified ID token.
public struct OIDCSignIn: Sendable {
    public let tokens: OIDCTokenResponse
    public let idToken: VerifiedIDToken
}
