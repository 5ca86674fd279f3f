import Foundation

/// What the gateway knows about itself as a client of one identity provider.
public struct OIDCClientConfiguration: Sendable {
    /// The issuer exactly as the provider writes it in tokens and discovery.
    public var issuer: String
    public var clientID: String
    /// Required unless `clientAuthentication` is `.none`.
    public var clientSecret: String?
    public var clientAuthentication: ClientAuthentication
    /// Where the provider sends the browser back with the code.
    public var redirectURI: URL
    /// Requested scopes; `openid` is added when missing.
    public var scopes: [String]
    public var allowedAlgorithms: Set<JWSAlgorithm>
    public var clockSkew: Duration

    public static let defaultScopes = ["openid", "profile", "email", "offline_access"]

    public init(
        issuer: String, clientID: String, clientSecret: String?,
        clientAuthentication: ClientAuthentication = .clientSecretBasic, redirectURI: URL,
        scopes: [String] = OIDCClientConfiguration.defaultScopes,
        allowedAlgorithms: Set<JWSAlgorithm> = [.rs256, .es256], clockSkew: Duration = .seconds(60)
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.clientAuthentication = clientAuthentication
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.allowedAlgorithms = allowedAlgorithms
        self.clockSkew = clockSkew
    }

    /// The scopes as sent: `openid` first (OIDC Core §3.1.2.1), duplicates dropped.
    public var requestedScopes: [String] {
        var seen: Set<String> = []
        return (["openid"] + scopes).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
