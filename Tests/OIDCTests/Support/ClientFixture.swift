import Foundation
import OIDC

/// An `OIDCClient` wired to a `FakeHTTPClient` and a manual clock, for the test provider.
struct ClientFixture {
    let http = FakeHTTPClient()
    let clock = ManualClock()
    let discovery = OIDCDiscovery(
        issuer: TestToken.issuer,
        authorizationEndpoint: URL(string: "https://idp.example.test/authorize")!,
        tokenEndpoint: URL(string: "https://idp.example.test/token")!,
        jwksURI: URL(string: "https://idp.example.test/jwks")!)

    func client(
        authentication: ClientAuthentication = .clientSecretBasic, secret: String? = "s3cret",
        discovery: OIDCDiscovery? = nil
    ) -> OIDCClient {
        let configuration = OIDCClientConfiguration(
            issuer: TestToken.issuer, clientID: TestToken.clientID, clientSecret: secret,
            clientAuthentication: authentication,
            redirectURI: URL(string: "https://gateway.example.test/auth/oidc/callback")!)
        let clock = clock
        let cache = JWKSCache(client: http, now: { clock.now })
        return OIDCClient(
            configuration: configuration, discovery: discovery ?? self.discovery, httpClient: http, keyCache: cache)
    }
}
