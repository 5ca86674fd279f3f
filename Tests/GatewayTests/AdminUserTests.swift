import Foundation
import SCIM
import Testing

@testable import Gateway

@Suite("Admin API: people and manual grants", .serialized)
struct AdminUserTests {
    private func names(_ answer: AdminHarness.Answer) -> [String] {
        answer["items"]?.arrayValue?.compactMap { $0["user_name"]?.stringValue } ?? []
    }

    @Test("the list pages by userName ignoring case with a cursor; pages never overlap or skip")
    func paging() throws {
        let harness = try AdminHarness()
        let all = ["delta", "Alpha", "charlie", "Echo", "bravo", "foxtrot", "golf"].map { "\($0)@example.com" }
        for name in all { _ = try harness.scimUser(name) }
        var seen: [String] = []
        var target = harness.tenantPath + "/users?limit=3"
        var pages = 0
        while true {
            let page = harness.admin("GET", target)
            #expect(page.status == 200)
            seen += names(page)
            pages += 1
            guard let cursor = page["next_cursor"]?.stringValue else { break }
            target = harness.tenantPath + "/users?limit=3&cursor=\(cursor)"
        }
        #expect(pages == 3)
        #expect(seen == all.sorted { $0.lowercased() < $1.lowercased() })
    }

    @Test(
        "search is a prefix of userName or displayName, ignoring case",
        arguments: [
            ("ali", ["alice@example.com", "alina@example.com"]), ("ALICE", ["alice@example.com"]),
            ("Zoë", ["zoe@example.com"]), ("nguy", ["bob@example.com"]), ("example", []), ("%", []), ("_", []),
        ])
    func search(term: String, expected: [String]) throws {
        let harness = try AdminHarness()
        _ = try harness.scimUser("alice@example.com", ["displayName": "Alice Ng"])
        _ = try harness.scimUser("alina@example.com")
        _ = try harness.scimUser("zoe@example.com", ["displayName": "Zoë Martin"])
        _ = try harness.scimUser("bob@example.com", ["displayName": "Nguyen Bob"])
        let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let encoded = term.addingPercentEncoding(withAllowedCharacters: plain) ?? term
        #expect(names(harness.admin("GET", harness.tenantPath + "/users?search=\(encoded)")) == expected)
    }

    @Test("a person's detail shows status, managing provider, role and memberships with provenance")
    func detail() throws {
        let harness = try AdminHarness()
        let id = try harness.scimUser("detail@example.com", ["displayName": "Dee Tail", "externalId": "00u1"])
        let (_, group) = harness.scim(
            "POST", "Groups", ["displayName": "Platform", "members": [["value": .string(id)]]])
        #expect(group?["id"] != nil)
        let user = harness.admin("GET", harness.tenantPath + "/users/\(id)")
        #expect(user.status == 200)
        #expect(user["status"] == "active")
        #expect(user["origin"] == "scim")
        #expect(user["external_id"] == "00u1")
        #expect(user["managing_provider"]?["id"] == .string(harness.provider.id.uuidString.lowercased()))
        let team = user["teams"]?.arrayValue?.first
        #expect(team?["name"] == "Platform")
        #expect(team?["grants"]?.arrayValue?.first?["source"] == "scim")
        #expect(
            team?["grants"]?.arrayValue?.first?["provider_id"] == .string(harness.provider.id.uuidString.lowercased()))
        #expect(user["role"] == .null)
        #expect(harness.admin("GET", harness.tenantPath + "/users/\(UUID().uuidString)").status == 404)
    }

    @Test("a person deleted by SCIM leaves the list but stays readable by id, and takes no new grants")
    func deletedPeople() throws {
        let harness = try AdminHarness()
        let id = try harness.scimUser("gone@example.com")
        #expect(harness.scim("DELETE", "Users/\(id)").0 == 204)
        #expect(names(harness.admin("GET", harness.tenantPath + "/users")).isEmpty)
        let user = harness.admin("GET", harness.tenantPath + "/users/\(id)")
        #expect(user["deleted"] == true)
        #expect(user["status"] == "suspended")
        let grant = harness.admin("POST", harness.tenantPath + "/users/\(id)/teams", ["name": "Ghosts"])
        #expect(grant.status == 409)
        #expect(grant.code == "user_deleted")
    }

    @Test("manual grants survive SCIM syncs: group removal, attribute changes and rules never touch them")
    func manualGrantsSurviveSync() throws {
        let harness = try AdminHarness()
        harness.admin(
            "POST", harness.providerPath + "/mapping-rules",
            ["kind": "role", "attribute": "title", "value": "*", "target": "Viewer"])
        let id = try harness.scimUser("keep@example.com", ["title": "Engineer"])
        let (_, group) = harness.scim(
            "POST", "Groups", ["displayName": "Platform", "members": [["value": .string(id)]]])
        let groupID = try #require(group?["id"]?.stringValue)
        let userPath = harness.tenantPath + "/users/\(id)"
        #expect(harness.admin("GET", userPath)["role"]?["name"] == "Viewer")

        let team = harness.admin("POST", userPath + "/teams", ["name": "platform"])
        #expect(team.status == 201)
        #expect(team["grants"]?.arrayValue?.compactMap { $0["source"]?.stringValue }.sorted() == ["manual", "scim"])
        #expect(harness.admin("POST", userPath + "/teams", ["name": "Platform"]).status == 200)
        #expect(harness.admin("POST", userPath + "/business-units", ["name": "EMEA"]).status == 201)
        let admin = harness.admin("PUT", userPath + "/role", ["role_id": "00000000-0000-0000-0000-000000000001"])
        #expect(admin["role"]?["source"] == "manual")

        // SCIM takes the person out of the group and changes their title: a full sync of the person.
        let patch: JSONValue = [
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [["op": "remove", "path": .string("members[value eq \"\(id)\"]")]],
        ]
        #expect(harness.scim("PATCH", "Groups/\(groupID)", patch).0 == 200)
        #expect(harness.scim("PUT", "Users/\(id)", ["userName": "keep@example.com", "title": "Manager"]).0 == 200)

        let after = harness.admin("GET", userPath)
        let teams = after["teams"]?.arrayValue ?? []
        #expect(teams.compactMap { $0["name"]?.stringValue } == ["Platform"])
        #expect(teams.first?["grants"]?.arrayValue?.compactMap { $0["source"]?.stringValue } == ["manual"])
        #expect(after["business_units"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["EMEA"])
        #expect(after["role"]?["name"] == "Admin")
        #expect(after["role"]?["source"] == "manual")

        // Removing the manual grant ends the membership; removing it twice is a 404.
        let teamID = try #require(teams.first?["id"]?.stringValue)
        #expect(harness.admin("DELETE", userPath + "/teams/\(teamID)").status == 204)
        #expect(harness.admin("DELETE", userPath + "/teams/\(teamID)").status == 404)
        #expect(harness.admin("GET", userPath)["teams"] == [])
        #expect(harness.admin("DELETE", userPath + "/role")["role"] == .null)
    }

    @Test("removing a manual grant leaves the SCIM grant of the same team")
    func revokeOnlyManual() throws {
        let harness = try AdminHarness()
        let id = try harness.scimUser("both@example.com")
        let (_, group) = harness.scim("POST", "Groups", ["displayName": "Ops", "members": [["value": .string(id)]]])
        #expect(group != nil)
        let userPath = harness.tenantPath + "/users/\(id)"
        let team = harness.admin("POST", userPath + "/teams", ["name": "Ops"])
        let teamID = try #require(team.id)
        #expect(harness.admin("DELETE", userPath + "/teams/\(teamID)").status == 204)
        let grants = harness.admin("GET", userPath)["teams"]?.arrayValue?.first?["grants"]?.arrayValue
        #expect(grants?.compactMap { $0["source"]?.stringValue } == ["scim"])
    }

    @Test(
        "grant requests name exactly one existing team or a name, and roles must exist",
        arguments: [
            ("/teams", ["id": .string(UUID().uuidString)], "unknown_reference"),
            ("/teams", ["id": .string(UUID().uuidString), "name": "X"], "invalid_field"),
            ("/business-units", [:], "invalid_field"),
            ("/role", ["role_id": .string(UUID().uuidString)], "unknown_reference"),
            ("/role", ["role_id": "Admin"], "invalid_field"),
        ] as [(String, JSONValue, String)])
    func grantValidation(suffix: String, body: JSONValue, code: String) throws {
        let harness = try AdminHarness()
        let id = try harness.scimUser("valid@example.com")
        let method = suffix == "/role" ? "PUT" : "POST"
        let answer = harness.admin(method, harness.tenantPath + "/users/\(id)\(suffix)", body)
        #expect(answer.status == 400)
        #expect(answer.code == code)
    }

    @Test("another tenant's person is 404 through the caller's tenant path, for reads and grants")
    func crossTenantPeople() throws {
        let first = try AdminHarness()
        let second = try AdminHarness()
        let foreign = try second.scimUser("foreign@example.com")
        #expect(first.admin("GET", first.tenantPath + "/users/\(foreign)").status == 404)
        #expect(first.admin("POST", first.tenantPath + "/users/\(foreign)/teams", ["name": "Spies"]).status == 404)
        #expect(
            first.admin(
                "PUT", first.tenantPath + "/users/\(foreign)/role", ["role_id": "00000000-0000-0000-0000-000000000001"]
            ).status == 404)
        #expect(second.admin("GET", second.tenantPath + "/users/\(foreign)")["teams"] == [])
        #expect(first.admin("GET", first.tenantPath + "/teams")["items"] == [])
    }
}
