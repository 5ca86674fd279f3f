import Foundation
import OIDC
import Testing

/// A real sign-in against `oidc-provider-mock` on loopback, through the real HTTP client and SSRF guard.
///
/// The project's test script starts the mock and sets `OIDC_MOCK_URL` (for example `http://127.0.0.1:9400`);
/// without it these tests fail rather than pass unchecked. The mock signs RS256 without a `kid`, sends `aud`
/// as an array and approves whichever `sub` is posted to its authorization form.
@Suite("oidc-provider-mock, live on loopback", .serialized)
struct OIDCProviderMockLiveTests {
    static let clientID = "scim-gateway-live-test"
    static let redirectURI = URL(string: "http://127.0.0.1:9/auth/oidc/callback")!

    private func mockIssuer() throws -> String {
        let configured = ProcessInfo.processInfo.environment["OIDC_MOCK_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let url = try #require(
            configured,
            """
            OIDC_MOCK_URL is not set. Start oidc-provider-mock on 127.0.0.1 (for example \
            `oidc-provider-mock --host 127.0.0.1 --port 9400`) and export OIDC_MOCK_URL=http://127.0.0.1:9400.
            """)
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    private func httpClient() throws -> CurlHTTPClient {
        CurlHTTPClient(
            requestGuard: OutboundRequestGuard(allowlist: try NetworkAllowlist(parsing: "127.0.0.0/8")),
            timeout: .seconds(10))
    }

    private func client(issuer: String, clientID: String = clientID, http: CurlHTTPClient) async throws
        -> OIDCClient
    {
        let configuration = OIDCClientConfiguration(
            issuer: issuer, clientID: clientID, clientSecret: "live-test-secret", redirectURI: Self.redirectURI)
        return try await OIDCClient.discover(
            configuration: configuration, httpClient: http, keyCache: JWKSCache(client: http))
    }

    /// Drives the mock's authorization form as a person would: posting `sub` approves the request, and the
    /// mock answers 302 to the redirect URI with the code and state.
    private func authorize(_ request: AuthorizationRequest, subject: String, http: CurlHTTPClient) async throws
        -> URL
    {
        let response = try await http.send(.form(request.url, fields: [("sub", subject)]))
        #expect(response.status == 302)
        let location = try #require(response.header("location"))
        return try #require(URL(string: location))
    }

    @Test("discovers the mock and fetches its keys through the guarded client")
    func discoveryAndKeys() async throws {
        let issuer = try mockIssuer()
        let http = try httpClient()
        let client = try await client(issuer: issuer, http: http)
        #expect(client.discovery.issuer == issuer)
        #expect(client.discovery.jwksURI.absoluteString.hasPrefix(issuer))
        let keys = try await client.keyCache.keys(for: client.discovery.jwksURI)
        #expect(!keys.keys.isEmpty)
    }

    @Test("signs in with the code flow and PKCE, verifying the real ID token, then refreshes")
    func signIn() async throws {
        let issuer = try mockIssuer()
        let http = try httpClient()
        let client = try await client(issuer: issuer, http: http)
        let request = try client.makeAuthorizationRequest()
        let callback = try await authorize(request, subject: "ada@example.test", http: http)
        #expect(callback.absoluteString.hasPrefix(Self.redirectURI.absoluteString))

        let code = try AuthorizationCallback.code(from: callback, expectedState: request.state, issuer: issuer)
        let signIn = try await client.completeSignIn(code: code, request: request)
        #expect(signIn.idToken.subject == "ada@example.test")
        #expect(signIn.idToken.issuer == issuer)
        #expect(signIn.idToken.audiences.contains(Self.clientID))
        #expect(signIn.idToken.nonce == request.nonce)
        #expect(signIn.idToken.algorithm == .rs256)
        #expect(signIn.idToken[claim: "email"] == "ada@example.test")

        let refreshToken = try #require(signIn.tokens.refreshToken)
        let refreshed = try await client.refreshSession(
            refreshToken: refreshToken, subject: "ada@example.test", originalNonce: request.nonce)
        #expect(!refreshed.tokens.accessToken.isEmpty)

        let rejected = await #expect(throws: OIDCError.self) {
            try await client.refresh(refreshToken: "not-a-refresh-token")
        }
        #expect(rejected?.code == .grantRejected)
    }

    @Test("refuses the real ID token for another client, another nonce or with an altered signature")
    func refusals() async throws {
        let issuer = try mockIssuer()
        let http = try httpClient()
        let client = try await client(issuer: issuer, http: http)
        let request = try client.makeAuthorizationRequest()
        let callback = try await authorize(request, subject: "grace@example.test", http: http)
        let code = try AuthorizationCallback.code(from: callback, expectedState: request.state, issuer: issuer)
        let tokens = try await client.exchangeCode(code, codeVerifier: request.codeVerifier)
        let idToken = try #require(tokens.idToken)

        let otherClient = try await self.client(issuer: issuer, clientID: "another-client", http: http)
        let audience = await #expect(throws: OIDCError.self) {
            try await otherClient.validateIDToken(idToken, nonce: .required(request.nonce))
        }
        #expect(audience?.code == .wrongAudience)

        let nonce = await #expect(throws: OIDCError.self) {
            try await client.validateIDToken(idToken, nonce: .required("another-nonce"))
        }
        #expect(nonce?.code == .wrongNonce)

        var parts = idToken.split(separator: ".").map(String.init)
        var signature = try #require(Base64URL.decode(parts[2]))
        signature[0] ^= 0x80
        parts[2] = Base64URL.encode(signature)
        let tampered = await #expect(throws: OIDCError.self) {
            try await client.validateIDToken(parts.joined(separator: "."), nonce: .required(request.nonce))
        }
        #expect(tampered?.code == .badSignature)

        let expired = await #expect(throws: OIDCError.self) {
            try await client.validateIDToken(
                idToken, nonce: .required(request.nonce), now: Date().addingTimeInterval(86_400))
        }
        #expect(expired?.code == .expired)
    }

    @Test("refuses the mock's loopback address when it is not allowlisted")
    func ssrfGuard() async throws {
        let issuer = try mockIssuer()
        let http = CurlHTTPClient(requestGuard: OutboundRequestGuard(allowlist: .none))
        let error = await #expect(throws: OIDCError.self) {
            try await OIDCDiscovery.fetch(issuer: issuer, using: http)
        }
        #expect(error?.code == .addressNotAllowed)
    }
}
