import Foundation
import OIDC
import SCIM
import Testing

@Suite("OIDC code flow client")
struct OIDCClientTests {
    let fixture = ClientFixture()

    private func query(_ url: URL) -> [String: String] {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    private func form(_ request: OIDCHTTPRequest) -> [String: String] {
        var components = URLComponents()
        components.percentEncodedQuery = String(decoding: request.body, as: UTF8.self)
        let items = components.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    @Test("builds the authorization URL with every code flow and PKCE parameter")
    func authorizationURL() throws {
        let request = try fixture.client().makeAuthorizationRequest()
        let parameters = query(request.url)
        #expect(request.url.absoluteString.hasPrefix("https://idp.example.test/authorize?"))
        #expect(parameters["response_type"] == "code")
        #expect(parameters["client_id"] == TestToken.clientID)
        #expect(parameters["redirect_uri"] == "https://gateway.example.test/auth/oidc/callback")
        #expect(parameters["scope"] == "openid profile email offline_access")
        #expect(parameters["state"] == request.state)
        #expect(parameters["nonce"] == request.nonce)
        #expect(parameters["code_challenge"] == PKCE.challenge(for: request.codeVerifier))
        #expect(parameters["code_challenge_method"] == "S256")
        #expect(parameters.count == 8)
        #expect(request.state != request.nonce)
        #expect(!request.url.absoluteString.contains(request.codeVerifier))
    }

    @Test("keeps a query already in the authorization endpoint and cannot be made to override a parameter")
    func existingQuery() throws {
        let discovery = OIDCDiscovery(
            issuer: TestToken.issuer, authorizationEndpoint: URL(string: "https://idp.example.test/auth?p=b2c_signin")!,
            tokenEndpoint: fixture.discovery.tokenEndpoint, jwksURI: fixture.discovery.jwksURI)
        let url = fixture.client(discovery: discovery).authorizationURL(
            state: "s t&x", nonce: "n", codeChallenge: "c",
            additionalParameters: [("prompt", "login"), ("client_id", "evil"), ("state", "evil")])
        let parameters = query(url)
        #expect(parameters["p"] == "b2c_signin")
        #expect(parameters["prompt"] == "login")
        #expect(parameters["client_id"] == TestToken.clientID)
        #expect(parameters["state"] == "s t&x")
        #expect(url.absoluteString.contains("state=s%20t%26x"))
    }

    @Test("puts openid first in the scope exactly once")
    func scopes() {
        let configuration = OIDCClientConfiguration(
            issuer: TestToken.issuer, clientID: "c", clientSecret: nil, redirectURI: URL(string: "https://g/cb")!,
            scopes: ["email", "openid", "groups", "email"])
        #expect(configuration.requestedScopes == ["openid", "email", "groups"])
    }

    @Test("redeems a code with client_secret_basic, form-encoding the credentials first")
    func exchangeBasic() async throws {
        fixture.http.respond(
            to: fixture.discovery.tokenEndpoint,
            json: #"{"access_token":"at","token_type":"Bearer","id_token":"x.y.z","expires_in":3600}"#)
        let client = fixture.client(authentication: .clientSecretBasic, secret: "a:b+c d")
        let tokens = try await client.exchangeCode("the-code", codeVerifier: "verifier-123")
        #expect(tokens.accessToken == "at")
        #expect(tokens.idToken == "x.y.z")
        #expect(tokens.expiresIn == 3600)

        let request = try #require(fixture.http.requests.last)
        #expect(request.method == .post)
        #expect(request.url == fixture.discovery.tokenEndpoint)
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        let expected = Data("gateway-client:a%3Ab%2Bc%20d".utf8).base64EncodedString()
        #expect(request.headers["Authorization"] == "Basic \(expected)")
        #expect(
            form(request) == [
                "grant_type": "authorization_code", "code": "the-code",
                "redirect_uri": "https://gateway.example.test/auth/oidc/callback", "code_verifier": "verifier-123",
            ])
    }

    @Test(
        "authenticates in the body for client_secret_post and sends only the client id for a public client",
        arguments: [
            (ClientAuthentication.clientSecretPost, ["client_id": TestToken.clientID, "client_secret": "s3cret"]),
            (.none, ["client_id": TestToken.clientID]),
        ])
    func exchangeInBody(authentication: ClientAuthentication, credentials: [String: String]) async throws {
        fixture.http.respond(
            to: fixture.discovery.tokenEndpoint, json: #"{"access_token":"at","token_type":"bearer","id_token":"i"}"#)
        _ = try await fixture.client(authentication: authentication).exchangeCode("c", codeVerifier: "v")
        let request = try #require(fixture.http.requests.last)
        #expect(request.headers["Authorization"] == nil)
        let fields = form(request)
        for (name, value) in credentials { #expect(fields[name] == value) }
        #expect(fields.count == 4 + credentials.count)
    }

    @Test("refuses to send a confidential grant without a secret")
    func missingSecret() async {
        let error = await #expect(throws: OIDCError.self) {
            try await fixture.client(secret: nil).exchangeCode("c", codeVerifier: "v")
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(fixture.http.requests.isEmpty)
    }

    @Test(
        "maps token endpoint answers to errors",
        arguments: [
            (
                400, #"{"error":"invalid_grant","error_description":"code used"}"#, OIDCError.Code.grantRejected,
                "invalid_grant"
            ),
            (401, #"{"error":"invalid_client"}"#, .grantRejected, "invalid_client"),
            (400, "not json", .unexpectedStatus, nil), (500, #"{"error":"server_error"}"#, .unexpectedStatus, nil),
            (302, "", .unexpectedStatus, nil), (200, "[]", .invalidResponse, nil),
            (200, #"{"token_type":"Bearer","id_token":"i"}"#, .invalidResponse, nil),
            (200, #"{"access_token":"at","token_type":"Bearer"}"#, .invalidResponse, nil),
        ] as [(Int, String, OIDCError.Code, String?)])
    func tokenErrors(status: Int, body: String, expected: OIDCError.Code, oauthError: String?) async {
        fixture.http.respond(to: fixture.discovery.tokenEndpoint, status: status, json: body)
        let error = await #expect(throws: OIDCError.self) {
            try await fixture.client().exchangeCode("c", codeVerifier: "v")
        }
        #expect(error?.code == expected)
        #expect(error?.oauthError == oauthError)
    }

    @Test("reads expires_in sent as a numeric string")
    func expiresInString() throws {
        let response = OIDCHTTPResponse(status: 200, body: Array(#"{"access_token":"a","expires_in":"3599"}"#.utf8))
        #expect(try OIDCTokenResponse.parse(response).expiresIn == 3599)
    }

    @Test("completes a sign-in: redeems the code and verifies the ID token against the request's nonce")
    func completeSignIn() async throws {
        let client = fixture.client()
        let request = try client.makeAuthorizationRequest()
        var claims = TestToken.claims()
        claims["nonce"] = .string(request.nonce)
        let idToken = TestToken.make(.ec, kid: "e", claims: claims)
        fixture.http.respond(to: fixture.discovery.jwksURI, json: jwksJSON([(.ec, "e")]))
        fixture.http.respond(
            to: fixture.discovery.tokenEndpoint,
            json: #"{"access_token":"at","token_type":"Bearer","refresh_token":"rt","id_token":"\#(idToken)"}"#)

        let signIn = try await client.completeSignIn(code: "code", request: request, now: TestToken.now)
        #expect(signIn.idToken.subject == "person-1")
        #expect(signIn.tokens.refreshToken == "rt")

        let other = try client.makeAuthorizationRequest()
        let error = await #expect(throws: OIDCError.self) {
            try await client.completeSignIn(code: "code", request: other, now: TestToken.now)
        }
        #expect(error?.code == .wrongNonce)
    }

    @Test("refreshes with the refresh token and keeps it when the provider does not rotate it")
    func refresh() async throws {
        fixture.http.respond(
            to: fixture.discovery.tokenEndpoint, json: #"{"access_token":"at2","token_type":"Bearer"}"#)
        let result = try await fixture.client().refreshSession(refreshToken: "rt-1", subject: "person-1")
        #expect(result.refreshToken == "rt-1")
        #expect(result.idToken == nil)
        #expect(
            form(try #require(fixture.http.requests.last)) == ["grant_type": "refresh_token", "refresh_token": "rt-1"])

        fixture.http.respond(
            to: fixture.discovery.tokenEndpoint, json: #"{"access_token":"at3","refresh_token":"rt-2"}"#)
        #expect(
            try await fixture.client().refreshSession(refreshToken: "rt-1", subject: "person-1").refreshToken == "rt-2")
    }

    @Test("checks the ID token of a refresh: same subject, original nonce if any")
    func refreshIDToken() async throws {
        fixture.http.respond(to: fixture.discovery.jwksURI, json: jwksJSON([(.rsa, "r")]))
        var claims = TestToken.claims()
        claims["nonce"] = nil
        let good = TestToken.make(.rsa, kid: "r", claims: claims)
        fixture.http.respond(to: fixture.discovery.tokenEndpoint, json: #"{"access_token":"a","id_token":"\#(good)"}"#)
        let refreshed = try await fixture.client().refreshSession(
            refreshToken: "rt", subject: "person-1", originalNonce: TestToken.nonce, now: TestToken.now)
        #expect(refreshed.idToken?.subject == "person-1")

        let other = await #expect(throws: OIDCError.self) {
            try await fixture.client().refreshSession(refreshToken: "rt", subject: "person-2", now: TestToken.now)
        }
        #expect(other?.code == .wrongSubject)

        claims["nonce"] = "another"
        let wrongNonce = TestToken.make(.rsa, kid: "r", claims: claims)
        fixture.http.respond(
            to: fixture.discovery.tokenEndpoint, json: #"{"access_token":"a","id_token":"\#(wrongNonce)"}"#)
        let nonceError = await #expect(throws: OIDCError.self) {
            try await fixture.client().refreshSession(
                refreshToken: "rt", subject: "person-1", originalNonce: TestToken.nonce, now: TestToken.now)
        }
        #expect(nonceError?.code == .wrongNonce)
    }

    @Test("reports a refresh token the provider refuses as grantRejected")
    func refreshRejected() async {
        fixture.http.respond(to: fixture.discovery.tokenEndpoint, status: 400, json: #"{"error":"invalid_grant"}"#)
        let error = await #expect(throws: OIDCError.self) {
            try await fixture.client().refreshSession(refreshToken: "revoked", subject: "person-1")
        }
        #expect(error?.code == .grantRejected)
        #expect(error?.oauthError == "invalid_grant")
    }
}
