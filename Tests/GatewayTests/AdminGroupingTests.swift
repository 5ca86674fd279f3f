import Foundation
import SCIM
import Testing

@testable import Gateway

@Suite("Admin API: teams and business units", .serialized)
struct AdminGroupingTests {
    @Test(
        "manual ones are created, listed with counts, read with members and deleted",
        arguments: ["/teams", "/business-units"])
    func lifecycle(collection: String) throws {
        let harness = try AdminHarness()
        let path = harness.tenantPath + collection
        let created = harness.admin("POST", path, ["name": "Design"])
        #expect(created.status == 201)
        #expect(created["member_count"] == 0)
        let duplicate = harness.admin("POST", path, ["name": "DESIGN"])
        #expect(duplicate.status == 409)
        #expect(duplicate.code == "name_taken")

        let id = try #require(created.id)
        let grantPath = collection == "/teams" ? "/teams" : "/business-units"
        for name in ["b@example.com", "a@example.com", "c@example.com"] {
            let user = try harness.scimUser(name)
            #expect(
                harness.admin("POST", harness.tenantPath + "/users/\(user)\(grantPath)", ["id": .string(id)]).status
                    == 201)
        }
        let listed = harness.admin("GET", path)
        #expect(listed["items"]?.arrayValue?.first?["member_count"] == 3)
        #expect(listed["items"]?.arrayValue?.first?["grants_by_source"]?["manual"] == 3)

        let first = harness.admin("GET", "\(path)/\(id)?limit=2")
        let members = first["members"]?["items"]?.arrayValue ?? []
        #expect(members.compactMap { $0["user_name"]?.stringValue } == ["a@example.com", "b@example.com"])
        #expect(members.first?["grants"]?.arrayValue?.first?["source"] == "manual")
        let cursor = try #require(first["members"]?["next_cursor"]?.stringValue)
        let second = harness.admin("GET", "\(path)/\(id)?limit=2&cursor=\(cursor)")
        #expect(
            second["members"]?["items"]?.arrayValue?.compactMap { $0["user_name"]?.stringValue } == ["c@example.com"])
        #expect(second["members"]?["next_cursor"] == .null)

        #expect(harness.admin("DELETE", "\(path)/\(id)").status == 204)
        #expect(harness.admin("GET", "\(path)/\(id)").status == 404)
        #expect(harness.admin("GET", path)["items"] == [])
    }

    @Test("a team that SCIM grants hold cannot be deleted: the next sync would bring it back")
    func syncedTeamsStay() throws {
        let harness = try AdminHarness()
        let user = try harness.scimUser("synced@example.com")
        _ = harness.scim("POST", "Groups", ["displayName": "Pushed", "members": [["value": .string(user)]]])
        let team = try #require(harness.admin("GET", harness.tenantPath + "/teams")["items"]?.arrayValue?.first)
        #expect(team["grants_by_source"]?["scim"] == 1)
        let refused = harness.admin("DELETE", harness.tenantPath + "/teams/\(team["id"]?.stringValue ?? "")")
        #expect(refused.status == 409)
        #expect(refused.code == "held_by_sync")
    }

    @Test("the team list pages by name with a cursor")
    func paging() throws {
        let harness = try AdminHarness()
        for name in ["delta", "Alpha", "charlie", "Bravo", "echo"] {
            #expect(harness.admin("POST", harness.tenantPath + "/teams", ["name": .string(name)]).status == 201)
        }
        var names: [String] = []
        var target = harness.tenantPath + "/teams?limit=2"
        while true {
            let page = harness.admin("GET", target)
            names += page["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            guard let cursor = page["next_cursor"]?.stringValue else { break }
            target = harness.tenantPath + "/teams?limit=2&cursor=\(cursor)"
        }
        #expect(names == ["Alpha", "Bravo", "charlie", "delta", "echo"])
    }
}
