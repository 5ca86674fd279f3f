import Foundation
import OIDC
import SCIM
import Testing

@Suite("OIDC discovery documents")
struct OIDCDiscoveryTests {
    static let document = """
        {"issuer":"https://idp.example.test","authorization_endpoint":"https://idp.example.test/authorize",
         "token_endpoint":"https://idp.example.test/token","jwks_uri":"https://idp.example.test/jwks",
         "userinfo_endpoint":"https://idp.example.test/userinfo",
         "end_session_endpoint":"https://idp.example.test/logout",
         "id_token_signing_alg_values_supported":["RS256","ES256"],
         "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"],
         "code_challenge_methods_supported":["S256"],"response_types_supported":["code"]}
        """

    @Test("reads the provider metadata")
    func parses() throws {
        let discovery = try OIDCDiscovery.parse(Array(Self.document.utf8), expectedIssuer: "https://idp.example.test")
        #expect(discovery.issuer == "https://idp.example.test")
        #expect(discovery.authorizationEndpoint.absoluteString == "https://idp.example.test/authorize")
        #expect(discovery.tokenEndpoint.absoluteString == "https://idp.example.test/token")
        #expect(discovery.jwksURI.absoluteString == "https://idp.example.test/jwks")
        #expect(discovery.userinfoEndpoint?.absoluteString == "https://idp.example.test/userinfo")
        #expect(discovery.endSessionEndpoint?.absoluteString == "https://idp.example.test/logout")
        #expect(discovery.idTokenSigningAlgorithms == ["RS256", "ES256"])
        #expect(discovery.tokenEndpointAuthMethods == ["client_secret_basic", "client_secret_post"])
        #expect(discovery.codeChallengeMethods == ["S256"])
    }

    @Test(
        "refuses a document for another issuer",
        arguments: [
            "https://idp.example.test/", "https://IDP.example.test", "https://evil.example.test", "idp.example.test",
        ])
    func wrongIssuer(expected: String) {
        let error = #expect(throws: OIDCError.self) {
            try OIDCDiscovery.parse(Array(Self.document.utf8), expectedIssuer: expected)
        }
        #expect(error?.code == .wrongIssuer)
    }

    @Test(
        "refuses documents missing an endpoint or carrying one that is not an http(s) URL",
        arguments: [
            ("jwks_uri", nil), ("token_endpoint", nil), ("authorization_endpoint", nil), ("issuer", nil),
            ("jwks_uri", "ftp://idp.example.test/jwks"), ("token_endpoint", "/token"), ("userinfo_endpoint", "x"),
            ("jwks_uri", "file:///etc/passwd"),
        ] as [(String, String?)])
    func invalid(member: String, value: String?) throws {
        var members = try #require(try JSONValue.parse(Self.document).objectValue)
        members[member] = value.map(JSONValue.string)
        let edited = JSONValue.object(members).serialized()
        let error = #expect(throws: OIDCError.self) {
            try OIDCDiscovery.parse(edited, expectedIssuer: "https://idp.example.test")
        }
        #expect(error?.code == .invalidDiscovery)
    }

    @Test("refuses a body that is not a JSON object", arguments: ["", "[]", "<html>"])
    func notJSON(body: String) {
        let error = #expect(throws: OIDCError.self) {
            try OIDCDiscovery.parse(Array(body.utf8), expectedIssuer: "https://idp.example.test")
        }
        #expect(error?.code == .invalidDiscovery)
    }

    @Test(
        "derives the document URL from the issuer",
        arguments: [
            ("https://idp.example.test", "https://idp.example.test/.well-known/openid-configuration"),
            ("https://idp.example.test/", "https://idp.example.test/.well-known/openid-configuration"),
            (
                "https://idp.example.test/realms/acme",
                "https://idp.example.test/realms/acme/.well-known/openid-configuration"
            ),
            ("http://127.0.0.1:9400", "http://127.0.0.1:9400/.well-known/openid-configuration"),
        ])
    func documentURL(issuer: String, expected: String) throws {
        #expect(try OIDCDiscovery.documentURL(forIssuer: issuer).absoluteString == expected)
    }

    @Test(
        "refuses issuers that are not plain http(s) URLs",
        arguments: [
            "idp.example.test", "ftp://idp.example.test", "https://idp.example.test?x=1", "https://idp#f", "https://",
        ])
    func badIssuer(issuer: String) {
        let error = #expect(throws: OIDCError.self) { try OIDCDiscovery.documentURL(forIssuer: issuer) }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test("fetches through the HTTP client and refuses non-200 answers, redirects included")
    func fetch() async throws {
        let http = FakeHTTPClient()
        let url = try OIDCDiscovery.documentURL(forIssuer: "https://idp.example.test")
        http.respond(to: url, json: Self.document)
        let discovery = try await OIDCDiscovery.fetch(issuer: "https://idp.example.test", using: http)
        #expect(discovery.jwksURI.absoluteString == "https://idp.example.test/jwks")
        #expect(http.requests.first?.headers["Accept"] == "application/json")

        for status in [302, 404, 500] {
            http.respond(to: url, status: status, json: Self.document)
            let error = await #expect(throws: OIDCError.self) {
                try await OIDCDiscovery.fetch(issuer: "https://idp.example.test", using: http)
            }
            #expect(error?.code == .unexpectedStatus)
        }
    }
}
