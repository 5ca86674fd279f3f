import Foundation
import OIDC
import Testing

@Suite("SSRF guard for outbound OIDC requests")
struct OutboundRequestGuardTests {
    static let resolver = FakeHostResolver(table: [
        "idp.example.test": ["93.184.215.14"],
        "internal.example.test": ["10.1.2.3"],
        "metadata.example.test": ["169.254.169.254"],
        "mixed.example.test": ["93.184.215.14", "127.0.0.1"],
        "v6local.example.test": ["fd00::10"],
        "mapped.example.test": ["::ffff:127.0.0.1"],
        "lab.example.test": ["127.0.0.1"],
        "127.0.0.1": ["127.0.0.1"],
        "::1": ["::1"],
        "empty.example.test": [],
    ])

    @Test(
        "refuses non-public addresses unless allowlisted, and plain http outside the allowlist",
        arguments: [
            ("", "https://idp.example.test/jwks", nil),
            ("", "https://internal.example.test/jwks", OIDCError.Code.addressNotAllowed),
            ("10.0.0.0/8", "https://internal.example.test/jwks", nil),
            ("10.0.0.0/8", "https://metadata.example.test/latest", .addressNotAllowed),
            ("127.0.0.0/8", "https://metadata.example.test/latest", .addressNotAllowed),
            ("", "https://mixed.example.test/", .addressNotAllowed),
            ("127.0.0.0/8", "https://mixed.example.test/", nil),
            ("", "https://v6local.example.test/", .addressNotAllowed),
            ("fd00::/8", "https://v6local.example.test/", nil),
            ("", "https://mapped.example.test/", .addressNotAllowed),
            ("127.0.0.0/8", "https://mapped.example.test/", nil),
            ("", "http://idp.example.test/jwks", .insecureURL),
            ("127.0.0.0/8", "http://127.0.0.1:9400/jwks", nil),
            ("127.0.0.0/8", "http://mixed.example.test/", .insecureURL),
            ("", "http://127.0.0.1:9400/jwks", .addressNotAllowed),
            ("127.0.0.0/8", "http://[::1]:9400/", .addressNotAllowed),
            ("::1/128", "http://[::1]:9400/", nil),
            ("", "ftp://idp.example.test/", .insecureURL),
            ("", "file:///etc/passwd", .insecureURL),
            ("", "https://user:pw@idp.example.test/", .invalidConfiguration),
            ("", "https://unknown.example.test/", .resolutionFailed),
            ("", "https://empty.example.test/", .resolutionFailed),
        ] as [(String, String, OIDCError.Code?)])
    func guardDecision(allowlist: String, url: String, expected: OIDCError.Code?) async throws {
        let requestGuard = OutboundRequestGuard(
            allowlist: try NetworkAllowlist(parsing: allowlist), resolver: Self.resolver)
        let target = try #require(URL(string: url))
        let result: Result<[IPAddress], any Error>
        do {
            result = .success(try await requestGuard.check(target))
        } catch {
            result = .failure(error)
        }
        #expect(result.failureCode == expected)
    }

    @Test("refuses plain http even to allowlisted networks when the operator turned that off")
    func plainHTTPOff() async throws {
        let requestGuard = OutboundRequestGuard(
            allowlist: try NetworkAllowlist(parsing: "127.0.0.0/8"), resolver: Self.resolver,
            permitsPlainHTTPToAllowedNetworks: false)
        let error = await #expect(throws: OIDCError.self) {
            try await requestGuard.check(URL(string: "http://lab.example.test/")!)
        }
        #expect(error?.code == .insecureURL)
        try await requestGuard.check(URL(string: "https://lab.example.test/")!)
    }

    @Test(
        "judges what getaddrinfo actually resolves, including numeric shorthands",
        arguments: [
            ("localhost", "127.0.0.1"), ("127.0.0.1", "127.0.0.1"), ("2130706433", "127.0.0.1"),
            ("0x7f000001", "127.0.0.1"), ("169.254.169.254", "169.254.169.254"), ("::1", "::1"),
        ])
    func systemResolver(host: String, address: String) async throws {
        let addresses = try await SystemHostResolver().addresses(for: host)
        #expect(addresses.contains(try #require(IPAddress(address))))
        let requestGuard = OutboundRequestGuard(allowlist: .none)
        let bracketed = host.contains(":") ? "[\(host)]" : host
        let error = await #expect(throws: OIDCError.self) {
            try await requestGuard.check(URL(string: "https://\(bracketed)/jwks")!)
        }
        #expect(error?.code == .addressNotAllowed)
    }
}
