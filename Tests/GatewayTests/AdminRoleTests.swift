import Foundation
import Identity
import SCIM
import Testing

@testable import Gateway

@Suite("Admin API: roles", .serialized)
struct AdminRoleTests {
    private let admin = SystemRoles.admin.id.uuidString.lowercased()

    @Test("system roles are listed first with their permissions")
    func systemRoles() throws {
        let harness = try AdminHarness()
        let roles = harness.admin("GET", harness.tenantPath + "/roles")["items"]?.arrayValue ?? []
        #expect(roles.prefix(3).compactMap { $0["name"]?.stringValue }.sorted() == ["Admin", "Developer", "Viewer"])
        #expect(roles.allSatisfy { $0["is_system"] == true })
        let viewer = roles.first { $0["name"] == "Viewer" }
        #expect(viewer?["permissions"]?.arrayValue?.contains("teams:read") == true)
    }

    @Test(
        "system roles cannot be changed or deleted (409)",
        arguments: [
            ("PATCH", ["name": "Boss"]), ("PATCH", ["permissions": ["teams:read"]]), ("DELETE", nil),
        ] as [(String, JSONValue?)])
    func systemRolesImmutable(method: String, body: JSONValue?) throws {
        let harness = try AdminHarness()
        let answer = harness.admin(method, harness.tenantPath + "/roles/\(admin)", body)
        #expect(answer.status == 409)
        #expect(answer.code == "system_role_immutable")
        let role = harness.admin("GET", harness.tenantPath + "/roles/\(admin)")
        #expect(role["name"] == "Admin")
        #expect(role["permissions"]?.arrayValue?.count == PermissionCatalog.all.count)
    }

    @Test("a custom role is created, renamed, given new permissions and deleted; its holders lose it")
    func customRole() throws {
        let harness = try AdminHarness()
        let roles = harness.tenantPath + "/roles"
        let created = harness.admin(
            "POST", roles, ["name": "Auditor", "permissions": ["provisioning:read", "teams:read"]])
        #expect(created.status == 201)
        #expect(created["permissions"] == ["provisioning:read", "teams:read"])
        let id = try #require(created.id)
        #expect(harness.admin("POST", roles, ["name": "auditor"]).code == "name_taken")
        #expect(harness.admin("POST", roles, ["name": "viewer"]).code == "name_taken")

        let changed = harness.admin("PATCH", "\(roles)/\(id)", ["name": "Inspector", "permissions": ["users:read"]])
        #expect(changed["name"] == "Inspector")
        #expect(changed["permissions"] == ["users:read"])

        let user = try harness.scimUser("holder@example.com")
        harness.admin("PUT", harness.tenantPath + "/users/\(user)/role", ["role_id": .string(id)])
        #expect(harness.admin("DELETE", "\(roles)/\(id)").status == 204)
        #expect(harness.admin("GET", "\(roles)/\(id)").status == 404)
        #expect(harness.admin("GET", harness.tenantPath + "/users/\(user)")["role"] == .null)
    }

    @Test(
        "permissions outside the catalog or malformed are 400",
        arguments: [
            (["name": "X", "permissions": ["teams:fly"]], "unknown_permission"),
            (["name": "X", "permissions": ["teams"]], "invalid_field"),
            (["name": "X", "permissions": "teams:read"], "invalid_field"),
            (["name": .string(String(repeating: "r", count: 101))], "invalid_field"),
        ] as [(JSONValue, String)])
    func invalidPermissions(body: JSONValue, code: String) throws {
        let harness = try AdminHarness()
        let answer = harness.admin("POST", harness.tenantPath + "/roles", body)
        #expect(answer.status == 400)
        #expect(answer.code == code)
    }

    @Test("a role a mapping rule names cannot be renamed or deleted until the rule changes")
    func namedByRules() throws {
        let harness = try AdminHarness()
        let created = harness.admin("POST", harness.tenantPath + "/roles", ["name": "Analyst"])
        let path = harness.tenantPath + "/roles/\(try #require(created.id))"
        let rule = harness.admin(
            "POST", harness.providerPath + "/mapping-rules",
            ["kind": "role", "attribute": "title", "value": "*", "target": "analyst"])
        #expect(harness.admin("DELETE", path).code == "role_in_use")
        #expect(harness.admin("PATCH", path, ["name": "Researcher"]).code == "role_in_use")
        #expect(harness.admin("PATCH", path, ["name": "ANALYST"]).status == 200)
        harness.admin("DELETE", harness.providerPath + "/mapping-rules/\(try #require(rule.id))")
        #expect(harness.admin("DELETE", path).status == 204)
    }
}
