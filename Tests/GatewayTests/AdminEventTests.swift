import Foundation
import SCIM
import TestSupport
import Testing

@testable import Gateway

@Suite("Admin API: provisioning events and the provisioning log", .serialized)
struct AdminEventTests {
    private func operations(_ answer: AdminHarness.Answer) -> [String] {
        answer["items"]?.arrayValue?.compactMap { $0["operation"]?.stringValue } ?? []
    }

    @Test("events are listed newest first and filtered by operation, resource, provider and time")
    func filters() throws {
        let harness = try AdminHarness()
        let started = SCIMDateTime.format(Date().addingTimeInterval(-60))
        let first = try harness.scimUser("ev1@example.com")
        let second = try harness.scimUser("ev2@example.com")
        let patch: JSONValue = [
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [["op": "replace", "value": ["active": false]]],
        ]
        #expect(harness.scim("PATCH", "Users/\(first)", patch).0 == 200)
        let events = harness.tenantPath + "/provisioning-events"

        #expect(operations(harness.admin("GET", events)) == ["deactivate", "create", "create"])
        #expect(operations(harness.admin("GET", events + "?operation=create")) == ["create", "create"])
        let bySecond = harness.admin("GET", events + "?resource_id=\(second)&resource_type=User")
        #expect(bySecond["items"]?.arrayValue?.map { $0["resource_id"] } == [.string(second)])
        let provider = harness.provider.id.uuidString.lowercased()
        #expect(operations(harness.admin("GET", events + "?provider_id=\(provider)")).count == 3)
        #expect(operations(harness.admin("GET", events + "?provider_id=\(UUID().uuidString)")).isEmpty)
        #expect(operations(harness.admin("GET", events + "?resource_type=Group")).isEmpty)
        #expect(operations(harness.admin("GET", events + "?since=\(started)")).count == 3)
        #expect(operations(harness.admin("GET", events + "?until=\(started)")).isEmpty)
        #expect(operations(harness.admin("GET", events + "?since=2999-01-01T00:00:00Z")).isEmpty)
    }

    @Test("event pages follow each other with a cursor, newest first, without overlap")
    func paging() throws {
        let harness = try AdminHarness()
        var created: [String] = []
        for index in 0..<5 { created.append(try harness.scimUser("page\(index)@example.com")) }
        var seen: [String] = []
        var target = harness.tenantPath + "/provisioning-events?limit=2"
        while true {
            let page = harness.admin("GET", target)
            seen += page["items"]?.arrayValue?.compactMap { $0["resource_id"]?.stringValue } ?? []
            guard let cursor = page["next_cursor"]?.stringValue else { break }
            target = harness.tenantPath + "/provisioning-events?limit=2&cursor=\(cursor)"
        }
        #expect(seen == created.reversed())
    }

    @Test("another tenant's events are not visible")
    func isolation() throws {
        let first = try AdminHarness()
        let second = try AdminHarness()
        _ = try second.scimUser("other@example.com")
        #expect(operations(first.admin("GET", first.tenantPath + "/provisioning-events")).isEmpty)
        #expect(operations(second.admin("GET", second.tenantPath + "/provisioning-events")) == ["create"])
    }

    @Test("the provisioning log of a provider reads its rows newest first, and only that provider's")
    func provisioningLog() throws {
        let harness = try AdminHarness()
        let other = harness.admin("POST", harness.tenantPath + "/providers", ["name": "Quiet"])
        let otherID = try #require(other.id.flatMap(UUID.init(uuidString:)))
        // The SCIM path writes these rows; written here directly so the read side is proven on its own.
        let owner = try TestDatabase.ownerPool()
        defer { owner.close() }
        try owner.withConnection { connection in
            for (provider, request, minutesAgo) in [
                (harness.provider.id, "older", 5), (harness.provider.id, "newer", 1), (otherID, "elsewhere", 0),
            ] {
                try connection.query(
                    """
                    INSERT INTO provisioning_log (tenant_id, provider_id, request_id, method, route, status, dialect,
                        quirks, request, response, duration_ms, occurred_at)
                    VALUES (\(harness.tenant.id), \(provider), \(request), 'POST', '/scim/v2/Users', 201, 'okta',
                        '{boolean-as-string}', '{"userName":"string"}', NULL, 1.5, now() - \(minutesAgo) * interval '1 minute')
                    """)
            }
        }
        let first = harness.admin("GET", harness.providerPath + "/provisioning-log?limit=1")
        #expect(first["items"]?.arrayValue?.compactMap { $0["request_id"]?.stringValue } == ["newer"])
        #expect(first["items"]?.arrayValue?.first?["quirks"] == ["boolean-as-string"])
        #expect(first["items"]?.arrayValue?.first?["request"] == ["userName": "string"])
        let cursor = try #require(first["next_cursor"]?.stringValue)
        let second = harness.admin("GET", harness.providerPath + "/provisioning-log?limit=1&cursor=\(cursor)")
        #expect(second["items"]?.arrayValue?.compactMap { $0["request_id"]?.stringValue } == ["older"])
        #expect(second["next_cursor"] == .null)
        let quiet = harness.admin("GET", harness.tenantPath + "/providers/\(otherID.uuidString)/provisioning-log")
        #expect(quiet["items"]?.arrayValue?.compactMap { $0["request_id"]?.stringValue } == ["elsewhere"])
        #expect(
            harness.admin("GET", harness.tenantPath + "/providers/\(UUID().uuidString)/provisioning-log").status == 404)
    }
}
