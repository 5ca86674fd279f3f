import Foundation
import Identity
import Storage
import TestSupport
import Testing

@Suite("Provisioning tokens", .serialized)
struct ProvisioningTokenTests {
    @Test("enabling SCIM issues a token that authenticates; rotation makes the old one fail at once")
    func rotation() throws {
        let fixtures = try StorageFixtures()
        let administration = AdministrationRepository(pool: fixtures.pool)
        // The lookup every SCIM request makes (SCIMAccessGuard).
        let counters = RequestCounters(pool: fixtures.pool)
        let authenticate = { (hash: [UInt8]) in
            try counters.admit(tokenHash: hash, throttleKeys: [], countRequest: false).principal
        }
        let first = try administration.enableSCIM(providerID: fixtures.provider.id)
        #expect(first.text.hasPrefix("scimgw_"))
        let principal = try authenticate(first.hash)
        #expect(principal?.tenantID == fixtures.tenant.id)
        #expect(principal?.providerID == fixtures.provider.id)

        let second = try administration.rotateToken(providerID: fixtures.provider.id)
        #expect(try authenticate(first.hash) == nil)
        #expect(try authenticate(second.hash)?.providerID == fixtures.provider.id)

        try administration.disableSCIM(providerID: fixtures.provider.id)
        #expect(try authenticate(second.hash) == nil)
    }

    @Test("only the hash of a token is stored")
    func onlyHashStored() throws {
        let fixtures = try StorageFixtures()
        let secret = try AdministrationRepository(pool: fixtures.pool).enableSCIM(providerID: fixtures.provider.id)
        let rows = try TestDatabase.ownerPool().withConnection { connection in
            try connection.query(
                "SELECT token_hash, token_prefix FROM provisioning_tokens WHERE provider_id = \(fixtures.provider.id)"
            ).rows
        }
        #expect(rows.count == 1)
        #expect(try rows[0].decode("token_hash", as: [UInt8].self) == ProvisioningTokenSecret.hash(of: secret.text))
        #expect(try rows[0].decode("token_prefix", as: String.self).count < 16)
    }

    @Test("tokens are 256 random bits and never repeat")
    func tokenShape() throws {
        let tokens = try (0..<50).map { _ in try ProvisioningTokenSecret.generate().text }
        #expect(Set(tokens).count == 50)
        #expect(tokens.allSatisfy { $0.count == "scimgw_".count + 43 })
    }
}
