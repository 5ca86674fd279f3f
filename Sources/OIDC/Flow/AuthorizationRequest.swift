import Foundation

/// One sign-in attempt as started: the URL to send the browser to, and the secrets the callback needs.
///
/// The caller keeps `state`, `nonce` and `codeVerifier` server-side (or sealed) until the callback; none of
/// them may be logged.
public struct AuthorizationRequest: Sendable, Hashable {
    public let url: URL
    public let state: String
    public let nonce: String
    public let codeVerifier: String

    public init(url: URL, state: String, nonce: String, codeVerifier: String) {
        self.url = url
        self.state = state
        self.nonce = nonce
        self.codeVerifier = codeVerifier
    }
}
