import Foundation
import SCIM
import Testing

@testable import Gateway

@Suite("Admin API: OIDC providers and SCIM provisioning", .serialized)
struct AdminProviderTests {
    @Test("a provider is created, listed, read and changed; absent fields keep their value, null clears")
    func lifecycle() throws {
        let harness = try AdminHarness()
        let created = harness.admin(
            "POST", harness.tenantPath + "/providers",
            ["name": "Entra", "issuer": "https://login.example.com/tenant/v2.0", "client_id": "abc"])
        #expect(created.status == 201)
        #expect(created["provisioning_mode"] == "both")
        #expect(created["role_strategy"] == "most_permissions")
        #expect(created["groups_become_teams"] == true)
        #expect(created["scim"]?["enabled"] == false)
        let path = harness.tenantPath + "/providers/\(try #require(created.id))"

        let changed = harness.admin(
            "PATCH", path,
            [
                "client_id": .null, "provisioning_mode": "scim", "role_strategy": "first_match",
                "groups_become_teams": false,
            ])
        #expect(changed.status == 200)
        #expect(changed["client_id"] == .null)
        #expect(changed["issuer"] == "https://login.example.com/tenant/v2.0")
        #expect(changed["name"] == "Entra")
        #expect(changed["provisioning_mode"] == "scim")
        #expect(changed["groups_become_teams"] == false)
        #expect(harness.admin("GET", path)["role_strategy"] == "first_match")
        let listed = harness.admin("GET", harness.tenantPath + "/providers")
        #expect(listed["items"]?.arrayValue?.count == 2)
    }

    @Test(
        "invalid provider settings are 400 and change nothing",
        arguments: [
            ["name": ""], ["name": 7], ["issuer": "not a url"], ["issuer": "ftp://x.example.com"],
            ["provisioning_mode": "sometimes"], ["role_strategy": "loudest"], ["groups_become_teams": "yes"],
            ["clientId": "x"], ["name": .string(String(repeating: "n", count: 201))],
        ] as [JSONValue])
    func invalidSettings(body: JSONValue) throws {
        let harness = try AdminHarness()
        let answer = harness.admin("PATCH", harness.providerPath, body)
        #expect(answer.status == 400)
        #expect(harness.admin("GET", harness.providerPath)["name"] == .string(harness.provider.name))
    }

    @Test("creating a provider needs a name")
    func nameRequired() throws {
        let harness = try AdminHarness()
        #expect(harness.admin("POST", harness.tenantPath + "/providers", ["issuer": "https://a.example"]).status == 400)
    }

    @Test("enable shows the endpoint and token once; the token works, a second enable is 409, rotation kills the old")
    func scimTokens() throws {
        let harness = try AdminHarness()
        let created = harness.admin("POST", harness.tenantPath + "/providers", ["name": "Okta"])
        let path = harness.tenantPath + "/providers/\(try #require(created.id))"
        #expect(harness.admin("POST", path + "/scim/rotate-token").code == "scim_not_enabled")

        let enabled = harness.admin("POST", path + "/scim/enable")
        #expect(enabled.status == 200)
        #expect(enabled["endpoint"] == "https://scim.example.test/scim/v2")
        let token = try #require(enabled["token"]?.stringValue)
        #expect(token.hasPrefix("scimgw_"))
        #expect(enabled["provider"]?["scim"]?["token_prefix"] == .string(String(token.prefix(11))))
        #expect(harness.scim("GET", "Users", token: token).0 == 200)
        #expect(harness.admin("GET", path)["token"] == nil)

        let again = harness.admin("POST", path + "/scim/enable")
        #expect(again.status == 409)
        #expect(again.code == "scim_already_enabled")
        #expect(harness.scim("GET", "Users", token: token).0 == 200)

        let rotated = try #require(harness.admin("POST", path + "/scim/rotate-token")["token"]?.stringValue)
        #expect(harness.scim("GET", "Users", token: token).0 == 401)
        #expect(harness.scim("GET", "Users", token: rotated).0 == 200)

        let disabled = harness.admin("POST", path + "/scim/disable")
        #expect(disabled["scim"]?["enabled"] == false)
        #expect(disabled["scim"]?["token_prefix"] == .null)
        #expect(harness.scim("GET", "Users", token: rotated).0 == 401)
    }

    @Test("another tenant's provider is 404 even through the caller's own tenant path")
    func crossTenantProvider() throws {
        let first = try AdminHarness()
        let second = try AdminHarness()
        let foreign = first.tenantPath + "/providers/\(second.provider.id.uuidString.lowercased())"
        #expect(first.admin("GET", foreign).status == 404)
        #expect(first.admin("PATCH", foreign, ["name": "Mine now"]).status == 404)
        #expect(first.admin("POST", foreign + "/scim/rotate-token").status == 404)
        #expect(first.admin("GET", foreign + "/mapping-rules").status == 404)
        #expect(second.admin("GET", second.providerPath)["name"] == .string(second.provider.name))
    }
}
