import Crypto
import Foundation
import Storage
import Testing

@Suite("Sessions", .serialized)
struct SessionTests {
    @Test("a session is found by its cookie hash only, and ending a person's sessions makes the lookup fail")
    func sessionLifecycle() throws {
        let fixtures = try StorageFixtures()
        let user = try fixtures.user(#"{"userName":"session@example.com"}"#)
        let cookie = try SecureRandom.bytes(count: 32)
        let sessionID = try fixtures.database.transaction { tenant in
            try tenant.sessions.create(
                userID: user.id, providerID: fixtures.provider.id, tokenHash: Digest.sha256(cookie),
                refreshTokenEncrypted: nil, refreshDueAt: Date().addingTimeInterval(900),
                expiresAt: Date().addingTimeInterval(3600))
        }
        let directory = SessionDirectory(pool: fixtures.pool)
        let found = try #require(try directory.session(tokenHash: Digest.sha256(cookie)))
        #expect(found.tenantID == fixtures.tenant.id)
        #expect(found.sessionID == sessionID)
        #expect(try directory.session(tokenHash: Digest.sha256(try SecureRandom.bytes(count: 32))) == nil)

        #expect(try fixtures.database.transaction { try $0.sessions.endAll(for: user.id) } == 1)
        #expect(try directory.session(tokenHash: Digest.sha256(cookie)) == nil)
    }

    @Test("a pending sign-in is taken once: a replayed callback finds nothing")
    func signInTakenOnce() throws {
        let fixtures = try StorageFixtures()
        let state = Digest.sha256(try SecureRandom.bytes(count: 32))
        try fixtures.database.transaction { tenant in
            try tenant.sessions.beginSignIn(
                stateHash: state, providerID: fixtures.provider.id, nonce: "n", codeVerifierEncrypted: [1, 2, 3],
                discoverOnly: false, expiresAt: Date().addingTimeInterval(600))
        }
        #expect(try SessionDirectory(pool: fixtures.pool).signInTenant(stateHash: state) == fixtures.tenant.id)
        let first = try fixtures.database.transaction { try $0.sessions.takeSignIn(stateHash: state) }
        #expect(first?.nonce == "n")
        #expect(try fixtures.database.transaction { try $0.sessions.takeSignIn(stateHash: state) } == nil)
    }
}
