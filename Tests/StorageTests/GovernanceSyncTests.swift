import Foundation
import Identity
import SCIM
import Storage
import Testing

@Suite("Governance follows every SCIM write", .serialized)
struct GovernanceSyncTests {
    private func teams(_ fixtures: StorageFixtures, _ user: UUID, _ source: MembershipSource = .scim) throws -> [String]
    {
        try fixtures.database.transaction { try $0.governance.memberships(.team, of: user, source: source) }
    }

    private func sync(_ fixtures: StorageFixtures, _ users: [UUID]) throws {
        try fixtures.database.transaction { tenant in
            try GovernanceSync(transaction: tenant, providerID: fixtures.provider.id).recompute(users)
        }
    }

    @Test("rules over SCIM attributes give units, teams and a role; a change of attribute moves them")
    func attributeRules() throws {
        let fixtures = try StorageFixtures()
        try fixtures.database.transaction { tenant in
            let governance = tenant.governance
            _ = try governance.addRule(
                providerID: fixtures.provider.id, kind: .businessUnit, attribute: "department", value: "*", target: "*")
            _ = try governance.addRule(
                providerID: fixtures.provider.id, kind: .role, attribute: "title", value: "Engineer",
                target: "Developer")
            _ = try governance.addRule(
                providerID: fixtures.provider.id, kind: .team, attribute: "emails.value", value: "${*}@example.com",
                target: "Mail ${*}")
        }
        let user = try fixtures.user(
            """
            {"userName":"gov@example.com","title":"engineer","emails":[{"value":"gov@example.com"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Research"}}
            """)
        try sync(fixtures, [user.id])
        let units = try fixtures.database.transaction {
            try $0.governance.memberships(.businessUnit, of: user.id, source: .scim)
        }
        #expect(units == ["Research"])
        #expect(try teams(fixtures, user.id) == ["Mail gov"])
        #expect(
            try fixtures.database.transaction { try $0.governance.role(of: user.id) }.id == SystemRoles.developer.id)

        _ = try fixtures.users {
            try $0.update(
                id: user.id,
                attributes: [
                    "userName": "gov@example.com", "title": "Writer",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": ["department": "Sales"],
                ])
        }
        try sync(fixtures, [user.id])
        let moved = try fixtures.database.transaction {
            try $0.governance.memberships(.businessUnit, of: user.id, source: .scim)
        }
        #expect(moved == ["Sales"])
        #expect(try teams(fixtures, user.id) == [])
        #expect(try fixtures.database.transaction { try $0.governance.role(of: user.id) }.id == nil)
    }

    @Test("a SCIM group is a team of the same name; leaving the group ends only the SCIM grant, not a manual one")
    func groupTeamsAndProvenance() throws {
        let fixtures = try StorageFixtures()
        let user = try fixtures.user(#"{"userName":"member@example.com"}"#)
        let group = try fixtures.group("Platform")
        let add = SCIMMembershipChange(add: [SCIMMember(value: user.id.uuidString)])
        _ = try fixtures.groups { try $0.applyMembership(add, groupID: group.id) }
        try sync(fixtures, [user.id])
        #expect(try teams(fixtures, user.id) == ["Platform"])

        try fixtures.database.transaction { try $0.governance.grantManually(.team, "platform", to: user.id) }
        let remove = SCIMMembershipChange(remove: [user.id.uuidString])
        _ = try fixtures.groups { try $0.applyMembership(remove, groupID: group.id) }
        try sync(fixtures, [user.id])
        #expect(try teams(fixtures, user.id) == [])
        #expect(try teams(fixtures, user.id, .manual) == ["Platform"])
    }

    @Test("one push of many members recomputes each of them, and a later removal touches only the removed")
    func batchRecompute() throws {
        let fixtures = try StorageFixtures()
        let users = try (0..<4).map { try fixtures.user("{\"userName\":\"batch\($0)@example.com\"}") }
        let group = try fixtures.group("Batch Team")
        let add = SCIMMembershipChange(add: users.map { SCIMMember(value: $0.id.uuidString) })
        let added = try fixtures.groups { try $0.applyMembership(add, groupID: group.id) }
        try sync(fixtures, Array(added.changedMembers))
        for user in users { #expect(try teams(fixtures, user.id) == ["Batch Team"]) }
        let remove = SCIMMembershipChange(remove: [users[0].id.uuidString, users[1].id.uuidString])
        let removed = try fixtures.groups { try $0.applyMembership(remove, groupID: group.id) }
        try sync(fixtures, Array(removed.changedMembers))
        #expect(try users.map { try teams(fixtures, $0.id) } == [[], [], ["Batch Team"], ["Batch Team"]])
    }

    @Test("renaming a group of many members moves every member's SCIM team and keeps their manual grants")
    func renameMovesEveryMember() throws {
        let fixtures = try StorageFixtures()
        let users = try fixtures.users { repository in
            try (0..<300).map { index in
                try repository.create(
                    attributes: .object(["userName": .string("rename\(index)@example.com")]),
                    managingProviderID: fixtures.provider.id)
            }
        }
        let group = try fixtures.group("Old Name")
        let add = SCIMMembershipChange(add: users.map { SCIMMember(value: $0.id.uuidString) })
        _ = try fixtures.groups { try $0.applyMembership(add, groupID: group.id) }
        try sync(fixtures, users.map(\.id))
        try fixtures.database.transaction { try $0.governance.grantManually(.team, "Old Name", to: users[7].id) }

        _ = try fixtures.groups { try $0.update(id: group.id, attributes: .object(["displayName": "New Name"])) }
        try sync(fixtures, users.map(\.id))
        let moved = try users.map { try teams(fixtures, $0.id) }
        #expect(moved.allSatisfy { $0 == ["New Name"] })
        #expect(try teams(fixtures, users[7].id, .manual) == ["Old Name"])
        #expect(try teams(fixtures, users[8].id, .manual) == [])
    }
}
