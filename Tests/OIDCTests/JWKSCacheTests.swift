import Foundation
import OIDC
import Testing

@Suite("JWKS cache and key rotation")
struct JWKSCacheTests {
    let jwksURI = URL(string: "https://idp.example.test/jwks")!

    @Test("reuses a set within its time to live and fetches again after it")
    func timeToLive() async throws {
        let http = FakeHTTPClient()
        http.respond(to: jwksURI, json: jwksJSON([(.rsa, "a")]))
        let clock = ManualClock()
        let cache = JWKSCache(client: http, timeToLive: .seconds(600), now: { clock.now })

        #expect(try await cache.keys(for: jwksURI).keys.map(\.keyID) == ["a"])
        clock.advance(by: .seconds(599))
        _ = try await cache.keys(for: jwksURI)
        #expect(http.requestCount(to: jwksURI) == 1)

        http.respond(to: jwksURI, json: jwksJSON([(.ec, "b")]))
        clock.advance(by: .seconds(1))
        #expect(try await cache.keys(for: jwksURI).keys.map(\.keyID) == ["b"])
        #expect(http.requestCount(to: jwksURI) == 2)
    }

    @Test("refetches for rotation at most once per minimum interval")
    func minimumInterval() async throws {
        let http = FakeHTTPClient()
        http.respond(to: jwksURI, json: jwksJSON([(.rsa, "a")]))
        let clock = ManualClock()
        let cache = JWKSCache(client: http, minimumRefetchInterval: .seconds(5), now: { clock.now })

        _ = try await cache.keys(for: jwksURI)
        for _ in 0..<10 { _ = try await cache.refreshedKeys(for: jwksURI) }
        #expect(http.requestCount(to: jwksURI) == 1)

        clock.advance(by: .seconds(5))
        http.respond(to: jwksURI, json: jwksJSON([(.rsa, "a"), (.ec, "b")]))
        #expect(try await cache.refreshedKeys(for: jwksURI).keys.count == 2)
        #expect(try await cache.keys(for: jwksURI).keys.count == 2)
        #expect(http.requestCount(to: jwksURI) == 2)
    }

    @Test("shares one fetch among concurrent callers")
    func singleFlight() async throws {
        let http = FakeHTTPClient(delay: .milliseconds(100))
        http.respond(to: jwksURI, json: jwksJSON([(.rsa, "a")]))
        let cache = JWKSCache(client: http)
        let uri = jwksURI
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.keys(for: uri).keys.count } }
            for try await count in group { #expect(count == 1) }
        }
        #expect(http.requestCount(to: jwksURI) == 1)
    }

    @Test("does not keep a failed fetch, and keeps nothing from one")
    func failure() async throws {
        let http = FakeHTTPClient()
        http.respond(to: jwksURI, status: 503, json: "{}")
        let cache = JWKSCache(client: http)
        let error = await #expect(throws: OIDCError.self) { try await cache.keys(for: jwksURI) }
        #expect(error?.code == .unexpectedStatus)
        #expect(error?.status == 503)

        http.respond(to: jwksURI, json: "not json")
        let second = await #expect(throws: OIDCError.self) { try await cache.keys(for: jwksURI) }
        #expect(second?.code == .malformed)

        http.respond(to: jwksURI, json: jwksJSON([(.rsa, "a")]))
        #expect(try await cache.keys(for: jwksURI).keys.count == 1)
        #expect(http.requestCount(to: jwksURI) == 3)
    }

    @Test("keeps sets of different providers apart")
    func perURI() async throws {
        let http = FakeHTTPClient()
        let other = URL(string: "https://other.example.test/keys")!
        http.respond(to: jwksURI, json: jwksJSON([(.rsa, "a")]))
        http.respond(to: other, json: jwksJSON([(.ec, "b")]))
        let cache = JWKSCache(client: http)
        #expect(try await cache.keys(for: jwksURI).keys.map(\.keyID) == ["a"])
        #expect(try await cache.keys(for: other).keys.map(\.keyID) == ["b"])
    }
}

@Suite("ID token validation through the JWKS cache")
struct IDTokenRotationTests {
    let fixture = ClientFixture()

    @Test("fetches the set again when a token names a new kid, then accepts it")
    func rotationWithKid() async throws {
        fixture.http.respond(to: fixture.discovery.jwksURI, json: jwksJSON([(.otherRSA, "old")]))
        let client = fixture.client()
        _ = try await client.keyCache.keys(for: fixture.discovery.jwksURI)
        fixture.clock.advance(by: .seconds(10))

        fixture.http.respond(to: fixture.discovery.jwksURI, json: jwksJSON([(.otherRSA, "old"), (.rsa, "new")]))
        let token = TestToken.make(.rsa, kid: "new")
        let verified = try await client.validateIDToken(token, nonce: .required(TestToken.nonce), now: TestToken.now)
        #expect(verified.keyID == "new")
        #expect(fixture.http.requestCount(to: fixture.discovery.jwksURI) == 2)
    }

    @Test("fetches the set again when a token without kid matches no cached key")
    func rotationWithoutKid() async throws {
        fixture.http.respond(to: fixture.discovery.jwksURI, json: jwksJSON([(.otherEC, nil)]))
        let client = fixture.client()
        _ = try await client.keyCache.keys(for: fixture.discovery.jwksURI)
        fixture.clock.advance(by: .seconds(10))

        fixture.http.respond(to: fixture.discovery.jwksURI, json: jwksJSON([(.ec, nil)]))
        let token = TestToken.make(.ec, kid: nil)
        _ = try await client.validateIDToken(token, nonce: .required(TestToken.nonce), now: TestToken.now)
        #expect(fixture.http.requestCount(to: fixture.discovery.jwksURI) == 2)
    }

    @Test("does not hammer the provider for tokens naming unknown kids")
    func unknownKidsRateLimited() async throws {
        fixture.http.respond(to: fixture.discovery.jwksURI, json: jwksJSON([(.rsa, "a")]))
        let client = fixture.client()
        for index in 0..<20 {
            let token = TestToken.make(.otherRSA, kid: "forged-\(index)")
            let error = await #expect(throws: OIDCError.self) {
                try await client.validateIDToken(token, nonce: .required(TestToken.nonce), now: TestToken.now)
            }
            #expect(error?.code == .unknownKey)
        }
        #expect(fixture.http.requestCount(to: fixture.discovery.jwksURI) == 1)

        fixture.clock.advance(by: .seconds(5))
        _ = await #expect(throws: OIDCError.self) {
            try await client.validateIDToken(
                TestToken.make(.otherRSA, kid: "forged"), nonce: .required(TestToken.nonce), now: TestToken.now)
        }
        #expect(fixture.http.requestCount(to: fixture.discovery.jwksURI) == 2)
    }

    @Test("does not refetch when a token with a known kid has a bad signature or bad claims")
    func noRefetchForBadTokens() async throws {
        fixture.http.respond(to: fixture.discovery.jwksURI, json: jwksJSON([(.rsa, "a")]))
        let client = fixture.client()
        fixture.clock.advance(by: .seconds(60))
        let forged = TestToken.make(.otherRSA, kid: "a")
        let error = await #expect(throws: OIDCError.self) {
            try await client.validateIDToken(forged, nonce: .required(TestToken.nonce), now: TestToken.now)
        }
        #expect(error?.code == .badSignature)
        var claims = TestToken.claims()
        claims["aud"] = "someone-else"
        let wrongAudience = await #expect(throws: OIDCError.self) {
            try await client.validateIDToken(
                TestToken.make(.rsa, kid: "a", claims: claims), nonce: .required(TestToken.nonce), now: TestToken.now)
        }
        #expect(wrongAudience?.code == .wrongAudience)
        #expect(fixture.http.requestCount(to: fixture.discovery.jwksURI) == 1)
    }
}
