/// How the gateway authenticates to the token endpoint (OIDC Core §9).
public enum ClientAuthentication: String, Sendable, Hashable {
    /// HTTP Basic with the form-encoded client id and secret (RFC 6749 §2.3.1).
    case clientSecretBasic = "client_secret_basic"
    /// `client_id` and `client_secret` in the form body (RFC 6749 §2.3.1).
    case clientSecretPost = "client_secret_post"
    /// A public client: `client_id` in the body and no secret; PKCE is its only proof.
    case none = "none"
}
