import Crypto
import Foundation
import SCIM
import Storage
import Testing

@Suite("Deactivation by SCIM ends sessions at once", .serialized)
struct DeactivationTests {
    @Test(
        "active false by PATCH (Okta, Entra's string form) or PUT, and DELETE, end every session of the person",
        arguments: [
            ("PATCH", #"{"Operations":[{"op":"replace","value":{"active":false}}]}"#),
            ("PATCH", #"{"Operations":[{"op":"Replace","path":"active","value":"False"}]}"#),
            ("PUT", #"{"userName":"ends@example.com","active":false}"#),
            ("DELETE", ""),
        ])
    func deactivationEndsSessions(method: String, body: String) throws {
        let harness = try GatewayHarness()
        let created = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"ends@example.com"}"#)
        let id = try #require(created.json?["id"]?.stringValue.flatMap(UUID.init(uuidString:)))
        let cookie = try SecureRandom.bytes(count: 32)
        let database = TenantDatabase(pool: harness.pool, tenantID: harness.tenant.id)
        for index: UInt8 in 0..<2 {
            _ = try database.transaction { tenant in
                try tenant.sessions.create(
                    userID: id, providerID: harness.provider.id,
                    tokenHash: Digest.sha256(cookie + [index]),
                    refreshTokenEncrypted: nil, refreshDueAt: Date().addingTimeInterval(900),
                    expiresAt: Date().addingTimeInterval(3600))
            }
        }
        let response = harness.send(
            method, "/scim/v2/Users/\(id.uuidString.lowercased())", body: body.isEmpty ? nil : body)
        #expect([200, 204].contains(response.status))
        let remaining = try database.transaction { tenant in try tenant.sessions.endAll(for: id) }
        #expect(remaining == 0)
    }
}
