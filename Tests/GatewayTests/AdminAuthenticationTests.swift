import Foundation
import SCIM
import Storage
import TestSupport
import Testing

@testable import Gateway

@Suite("Admin API keys: who may call what", .serialized)
struct AdminAuthenticationTests {
    @Test(
        "missing, malformed, unknown and other-scheme credentials all get the same 401 with a Bearer challenge",
        arguments: [
            nil, "", "Basic dXNlcjpwYXNz", "Bearer", "Bearer scimgw_admin_unknown",
            "Bearer scimgw_admin_" + String(repeating: "A", count: 43), "Token scimgw_admin_x",
        ])
    func unauthorized(header: String?) throws {
        let harness = try AdminHarness()
        let answer = harness.admin("GET", harness.tenantPath, as: header.map { .header($0) } ?? .none)
        #expect(answer.status == 401)
        #expect(answer.code == "unauthorized")
        #expect(answer.headers["WWW-Authenticate"] == "Bearer realm=\"admin\"")
    }

    @Test("a SCIM provisioning token is not an admin credential")
    func provisioningTokenRefused() throws {
        let harness = try AdminHarness()
        #expect(harness.admin("GET", harness.tenantPath, as: .header("Bearer \(harness.gateway.token)")).status == 401)
    }

    @Test("a revoked key fails on the next request; the lower-case bearer scheme is accepted")
    func revokedKey() throws {
        let harness = try AdminHarness()
        let keys = AdminKeyRepository(pool: harness.gateway.pool)
        let created = try keys.createTenantKey(tenantID: harness.tenant.id, name: "short-lived")
        #expect(harness.admin("GET", harness.tenantPath, as: .header("bearer \(created.secret.text)")).status == 200)
        #expect(try keys.revoke(keyID: created.id, tenantID: harness.tenant.id))
        #expect(harness.admin("GET", harness.tenantPath, as: .header("Bearer \(created.secret.text)")).status == 401)
        #expect(try !keys.revoke(keyID: created.id, tenantID: harness.tenant.id))
    }

    @Test("keys are stored only as a SHA-256 hash and a short display prefix")
    func keysHashedAtRest() throws {
        let harness = try AdminHarness()
        let owner = try TestDatabase.ownerPool()
        defer { owner.close() }
        let stored = try owner.withConnection { connection in
            try connection.query(
                "SELECT key_hash, key_prefix FROM admin_api_keys WHERE tenant_id = \(harness.tenant.id)"
            )
            .rows.map { (try $0.decode("key_hash", as: [UInt8].self), try $0.decode("key_prefix", as: String.self)) }
        }
        #expect(stored.count == 1)
        #expect(stored.first?.0 == AdminAPIKeySecret.hash(of: harness.tenantKey))
        #expect(stored.first?.1 == String(harness.tenantKey.prefix(17)))
        #expect(harness.tenantKey.hasPrefix("scimgw_admin_") && harness.tenantKey.count == 13 + 43)
    }

    @Test(
        "a tenant key gets 403 on deployment-wide operations, which a deployment key may call",
        arguments: [("GET", "/api/v1/tenants", nil), ("POST", "/api/v1/tenants", ["name": "Globex"] as JSONValue)])
    func deploymentOnly(method: String, path: String, body: JSONValue?) throws {
        let harness = try AdminHarness()
        let refused = harness.admin(method, path, body)
        #expect(refused.status == 403)
        #expect(refused.code == "forbidden")
        #expect([200, 201].contains(harness.admin(method, path, body, as: .deploymentKey).status))
    }

    @Test("a tenant key answers 404 for every other tenant, in both directions, exactly as for no tenant at all")
    func tenantKeyIsolation() throws {
        let first = try AdminHarness()
        let second = try AdminHarness()
        for (caller, other) in [(first, second), (second, first)] {
            for suffix in ["", "/providers", "/users", "/teams", "/business-units", "/roles", "/provisioning-events"] {
                let answer = caller.admin("GET", other.tenantPath + suffix)
                #expect(answer.status == 404, "\(suffix)")
                #expect(
                    answer.json?["error"]?["message"]
                        == .string("No tenant has the id \(other.tenant.id.uuidString.lowercased())."))
            }
            let unknown = caller.admin("GET", "/api/v1/tenants/\(UUID().uuidString.lowercased())/users")
            #expect(unknown.status == 404)
            #expect(caller.admin("POST", other.tenantPath + "/teams", ["name": "Intruders"]).status == 404)
            #expect(caller.admin("GET", caller.tenantPath + "/users").status == 200)
        }
    }

    @Test("a deployment key reaches every tenant")
    func deploymentKeyReachesAll() throws {
        let first = try AdminHarness()
        let second = try AdminHarness()
        #expect(first.admin("GET", second.tenantPath + "/providers", as: .deploymentKey).status == 200)
        #expect(second.admin("GET", first.tenantPath + "/roles", as: .deploymentKey).status == 200)
        let listed = first.admin("GET", "/api/v1/tenants?limit=200", as: .deploymentKey)
        #expect(listed.status == 200)
    }

    @Test("the service role cannot mint a deployment-wide key: row-level security refuses a row without a tenant")
    func deploymentKeyNeedsOwner() throws {
        let harness = try AdminHarness()
        #expect(throws: AdminStoreError.self) {
            try AdminKeyRepository(pool: harness.gateway.pool).createDeploymentKey(name: "sneaky")
        }
    }

    @Test("the OpenAPI document is served without a key; every other route needs one")
    func openDocument() throws {
        let harness = try AdminHarness()
        #expect(harness.admin("GET", "/api/v1/openapi.json", as: .none).status == 200)
        #expect(harness.admin("GET", "/api/v1/permissions", as: .none).status == 401)
        #expect(harness.admin("GET", "/api/v1/permissions").status == 200)
    }
}
