/// What the `nonce` claim must be (OIDC Core §3.1.3.7 step 11, §12.2).
public enum NonceCheck: Sendable, Hashable {
    /// After the code flow: the claim must be present and equal the nonce sent in the authorization request.
    case required(String)
    /// After a refresh: an ID token may omit the nonce, but one that carries it must carry the original.
    case ifPresent(String)
    /// The nonce is not examined.
    case notChecked
}
