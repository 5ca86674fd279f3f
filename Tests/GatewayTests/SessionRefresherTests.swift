import Crypto
import Foundation
import Postgres
import Storage
import TestSupport
import Testing

@testable import Gateway

/// Regression: the refresher takes the sessions due first, and an expired session was skipped without moving its
/// due time, so past one batch of them no live session was refreshed again; nothing deleted expired rows either.
@Suite("Session refresher", .serialized)
struct SessionRefresherTests {
    @Test("expired sessions neither block live ones from refreshing nor stay in the table")
    func expiredSessionsLeave() throws {
        let harness = try GatewayHarness()
        let created = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"refresh@example.com"}"#)
        let userID = try #require(created.json?["id"]?.stringValue.flatMap(UUID.init(uuidString:)))
        let longAgo = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01, due before anything else
        let database = TenantDatabase(pool: harness.pool, tenantID: harness.tenant.id)
        let live = try database.transaction { tenant in
            for index in 0..<(SessionRefresher.batchSize + 50) {
                _ = try tenant.sessions.create(
                    userID: userID, providerID: harness.provider.id,
                    tokenHash: Digest.sha256(Array("expired-\(index)-\(UUID())".utf8)),
                    refreshTokenEncrypted: nil, refreshDueAt: longAgo, expiresAt: Date().addingTimeInterval(-60))
            }
            return try tenant.sessions.create(
                userID: userID, providerID: harness.provider.id, tokenHash: Digest.sha256(Array("live-\(UUID())".utf8)),
                refreshTokenEncrypted: nil, refreshDueAt: longAgo.addingTimeInterval(1),
                expiresAt: Date().addingTimeInterval(3600))
        }
        let refresher = SessionRefresher(
            pool: harness.pool, configuration: harness.handler.configuration,
            clients: OIDCClients(allowlist: .none, secretKey: nil), logger: JSONLogger(minimumLevel: .error),
            metrics: MetricsRegistry())
        let now = Date()
        #expect(refresher.runOnce(now: now) > 0)
        let session = try database.transaction { try $0.sessions.find(id: live) }
        let expired = try TestDatabase.ownerPool().withConnection { connection in
            try connection.query(
                "SELECT count(*) AS n FROM sessions WHERE tenant_id = \(harness.tenant.id) AND expires_at <= now()"
            ).rows[0].decode("n", as: Int.self)
        }
        #expect(try #require(session).refreshDueAt > now)
        #expect(expired == 0)
    }
}
