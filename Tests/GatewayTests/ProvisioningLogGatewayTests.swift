import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage
import TestSupport
import Testing

@testable import Gateway

/// Okta and Entra conversations through the real handler end in the provider's provisioning log with the dialect
/// and quirks recognised, and with none of the personal values, secrets or the token they carried.
@Suite("The provisioning log records SCIM requests through the gateway", .serialized)
struct ProvisioningLogGatewayTests {
    /// Every value below is personal or secret and must not reach the log.
    static let secrets = [
        "alice.okta@example.com", "Alice", "Oktafamily", "S3cret-Pass!", "00u1abcdEFGH", "bob.entra@example.com",
        "Bobby", "Entrafamily", "E-1001", "0a21f0f2-8d2a-4f8e-bf98-0000000000aa", "Finance Team", "Bearer",
    ]

    func entries(_ harness: GatewayHarness) throws -> [ProvisioningLogEntry] {
        #expect(harness.handler.provisioningLog.waitUntilIdle(timeout: 10))
        return try ProvisioningLogRepository(database: TenantDatabase(pool: harness.pool, tenantID: harness.tenant.id))
            .recent(providerID: harness.provider.id, limit: 100)
    }

    /// The stored request and response of `entry` hold neither the token nor any value in `secrets`.
    func expectNothingPersonal(_ entry: ProvisioningLogEntry, token: String) {
        let stored = (entry.request?.serializedString ?? "") + (entry.response?.serializedString ?? "")
        for secret in Self.secrets + [token] {
            #expect(!stored.contains(secret), "\(entry.method) \(entry.route) kept \(secret): \(stored)")
        }
    }

    @Test("an Okta conversation is logged as okta, with its quirks, and nothing personal")
    func okta() throws {
        let harness = try GatewayHarness()
        let okta = [("User-Agent", "Okta SCIM Client 1.0.0")]
        let lookup = harness.send(
            "GET", "/scim/v2/Users?filter=userName%20eq%20%22alice.okta%40example.com%22&startIndex=1&count=100",
            headers: okta)
        #expect(lookup.status == 200)
        let created = harness.send(
            "POST", "/scim/v2/Users",
            body: #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice.okta@example.com",
                 "name":{"givenName":"Alice","familyName":"Oktafamily"},"externalId":"00u1abcdEFGH",
                 "emails":[{"primary":true,"value":"alice.okta@example.com","type":"work"}],
                 "groups":[],"password":"S3cret-Pass!","active":true}
                """#,
            headers: okta + [("Content-Type", "application/json")])
        #expect(created.status == 201)
        let id = try #require(created.json?["id"]?.stringValue)
        let deactivated = harness.send(
            "PATCH", "/scim/v2/Users/\(id)",
            body:
                #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}"#,
            headers: okta)
        #expect(deactivated.status == 200)

        let logged = try entries(harness)
        #expect(logged.map(\.method) == ["PATCH", "POST", "GET"])
        #expect(logged.map(\.route) == ["/scim/v2/Users/{id}", "/scim/v2/Users", "/scim/v2/Users"])
        #expect(logged.map(\.status) == [200, 201, 200])
        #expect(logged.allSatisfy { $0.dialect == .okta })
        #expect(logged[1].quirks == [.applicationJSON, .readOnlyAttributesSent])
        #expect(logged[0].quirks == [])
        for entry in logged { expectNothingPersonal(entry, token: harness.token) }

        let create = try #require(logged.dropFirst().first)
        #expect(create.request?["body"]?["password"] == .string(SCIMRedactor.redactedSecret))
        #expect(create.request?["body"]?["userName"] == .string("<string:22>"))
        #expect(create.request?["userAgent"] == .string("Okta SCIM Client 1.0.0"))
        #expect(create.response?["id"] == .string(id))
        let query = logged[2].request?["query"]?.arrayValue?.first
        #expect(query?["value"] == .string(#"userName eq "<string:22>""#))
        #expect(logged[0].request?["path"] == .string("/scim/v2/Users/\(id)"))
    }

    @Test("Entra in both PATCH formats is logged with its dialect and quirks, and nothing personal")
    func entra() throws {
        let harness = try GatewayHarness()
        let entra = [("User-Agent", "Microsoft Azure AD SCIM provisioning 1.0.0")]
        let created = harness.send(
            "POST", "/scim/v2/Users?aadOptscim062020",
            body: #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"0a21f0f2-8d2a-4f8e-bf98-0000000000aa","userName":"bob.entra@example.com","active":true,
                 "emails":[{"primary":true,"type":"work","value":"bob.entra@example.com"}],
                 "meta":{"resourceType":"User"},"name":{"familyName":"Entrafamily","givenName":"Bobby"},"roles":[]}
                """#,
            headers: entra)
        #expect(created.status == 201)
        let id = try #require(created.json?["id"]?.stringValue)
        let onDemand = harness.send(
            "PATCH", "/scim/v2/Users/\(id)?aadOptscim062020",
            body: #"""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"active","value":"False"},
                 {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                  "value":"Finance Team"}]}
                """#,
            headers: entra)
        #expect(onDemand.status == 200 || onDemand.status == 204)
        let flagged = harness.send(
            "PATCH", "/scim/v2/Users/\(id)?aadOptscim062020",
            body: #"""
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","value":{"name.givenName":"Bobby","active":true,
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"E-1001"}}]}
                """#,
            headers: entra)
        #expect(flagged.status == 200 || flagged.status == 204)
        let missing = harness.send("GET", "/scim/v2/Users/\(UUID().uuidString.lowercased())", headers: entra)
        #expect(missing.status == 404)

        let logged = try entries(harness)
        #expect(logged.map(\.dialect) == [.entra, .entraCompliant, .entra, .entraCompliant])
        #expect(logged[3].quirks == [.readOnlyAttributesSent])
        #expect(logged[2].quirks == [.booleanAsString, .opCase])
        #expect(logged[1].quirks == [.pathlessDottedKeys, .pathlessURNKeys])
        #expect(logged[0].status == 404)
        #expect(logged[0].response?["status"] == .string("404"))
        for entry in logged { expectNothingPersonal(entry, token: harness.token) }
        let disable = try #require(logged[2].request?["body"]?["Operations"]?.arrayValue?.first)
        #expect(disable == .object(["op": "Replace", "path": "active", "value": "False"]))
    }

    @Test("requests without a valid token are not logged, and one tenant's log is not another's")
    func onlyAuthenticatedAndOwn() throws {
        let harness = try GatewayHarness()
        let other = try GatewayHarness()
        #expect(harness.send("GET", "/scim/v2/Users", token: "scimgw_not-a-token").status == 401)
        #expect(other.send("GET", "/scim/v2/Groups").status == 200)
        #expect(try entries(harness) == [])
        #expect(other.handler.provisioningLog.waitUntilIdle(timeout: 10))
        let foreign = try ProvisioningLogRepository(
            database: TenantDatabase(pool: harness.pool, tenantID: harness.tenant.id)
        ).recent(providerID: other.provider.id)
        #expect(foreign == [])
        #expect(try entries(other).map(\.route) == ["/scim/v2/Groups"])
    }

    @Test("a failed write is logged, not thrown, and the writer carries on")
    func failedWrite() throws {
        let harness = try GatewayHarness()
        let closed = PostgresPool(
            configuration: PostgresConfiguration(connectionString: "postgres://nobody@127.0.0.1:1/none"))
        closed.close()
        let recorder = ProvisioningLogRecorder(
            pool: closed, settings: ProvisioningLogSettings(), logger: JSONLogger(minimumLevel: .error))
        let principal = ProvisioningPrincipal(
            tenantID: harness.tenant.id, providerID: harness.provider.id, tokenID: UUID())
        for _ in 0..<3 {
            recorder.record(
                request: HTTPRequest(method: "GET", target: "/scim/v2/Users"), response: HTTPResponse(status: 200),
                principal: principal, route: "/scim/v2/Users", durationMilliseconds: 1, requestID: "r")
        }
        #expect(recorder.waitUntilIdle(timeout: 10))
        #expect(recorder.droppedCount == 0)
    }

    @Test("pruning keeps the configured number of entries per provider")
    func retention() throws {
        let harness = try GatewayHarness()
        let recorder = ProvisioningLogRecorder(
            pool: harness.pool, settings: ProvisioningLogSettings(entriesPerProvider: 3, pruneInterval: 2),
            logger: JSONLogger(minimumLevel: .error))
        let principal = ProvisioningPrincipal(
            tenantID: harness.tenant.id, providerID: harness.provider.id, tokenID: UUID())
        for index in 0..<9 {
            recorder.record(
                request: HTTPRequest(method: "GET", target: "/scim/v2/Users?count=\(index)"),
                response: HTTPResponse(status: 200), principal: principal, route: "/scim/v2/Users",
                durationMilliseconds: 1, requestID: "r\(index)")
            #expect(recorder.waitUntilIdle(timeout: 10))
        }
        let kept = try ProvisioningLogRepository(
            database: TenantDatabase(pool: harness.pool, tenantID: harness.tenant.id)
        ).recent(providerID: harness.provider.id)
        #expect(kept.count <= 3 + 2 - 1)
        #expect(kept.first?.requestID == "r8")
    }
}
