import Foundation
import SCIM
import Testing

@testable import Storage

@Suite("Group membership changes touch only the rows they change", .serialized)
struct GroupMembershipTests {
    private func change(
        add: [String] = [], remove: [String] = [], replaceAll: [String]? = nil, removeAll: Bool = false
    ) -> SCIMMembershipChange {
        SCIMMembershipChange(
            replaceAll: replaceAll?.map { SCIMMember(value: $0, type: "User") },
            add: add.map { SCIMMember(value: $0, type: "User") }, remove: remove, removeAll: removeAll)
    }

    @Test("add, re-add, targeted remove, replace and remove-all report the rows they touched")
    func membershipSequence() throws {
        let fixtures = try StorageFixtures()
        let ids = try (0..<3).map { try fixtures.user("{\"userName\":\"m\($0)@example.com\"}").id.uuidString }
        let group = try fixtures.group("Engineering")
        let outcomes = try fixtures.groups { repository in
            [
                try repository.applyMembership(change(add: ids), groupID: group.id),
                try repository.applyMembership(change(add: [ids[0].lowercased()]), groupID: group.id),
                try repository.applyMembership(change(remove: [ids[1]]), groupID: group.id),
                try repository.applyMembership(change(replaceAll: [ids[2]]), groupID: group.id),
                try repository.applyMembership(change(removeAll: true), groupID: group.id),
            ]
        }
        #expect(outcomes.map(\.added) == [3, 0, 0, 0, 0])
        #expect(outcomes.map(\.removed) == [0, 0, 1, 1, 1])
        #expect(outcomes[2].changedMembers == [UUID(uuidString: ids[1])!])
    }

    @Test("members are listed with their display names and a user's groups are listed back")
    func membersAndGroupsRoundTrip() throws {
        let fixtures = try StorageFixtures()
        let user = try fixtures.user(#"{"userName":"ann@example.com","displayName":"Ann"}"#)
        let group = try fixtures.group("Design")
        _ = try fixtures.groups { try $0.applyMembership(change(add: [user.id.uuidString]), groupID: group.id) }
        let members = try fixtures.groups { try $0.members(of: [group.id]) }[group.id] ?? []
        #expect(members == [StoredMember(id: user.id, type: "User", display: "Ann")])
        let groups = try fixtures.users { try $0.groups(of: [user.id]) }[user.id] ?? []
        #expect(groups.map(\.displayName) == ["Design"])
    }

    @Test("unknown member ids are skipped and the known ones added")
    func unknownMemberSkipped() throws {
        let fixtures = try StorageFixtures()
        let user = try fixtures.user(#"{"userName":"real@example.com"}"#)
        let group = try fixtures.group("Ops")
        let outcome = try fixtures.groups {
            try $0.applyMembership(
                change(add: [user.id.uuidString, UUID().uuidString, "fake-member-id", group.id.uuidString]),
                groupID: group.id)
        }
        #expect(outcome.added == 1)
        #expect(outcome.changedMembers == [user.id])
        let members = try fixtures.groups { try $0.members(of: [group.id]) }[group.id] ?? []
        #expect(members.map(\.id) == [user.id])
    }

    @Test("the display text the IdP sent is echoed back")
    func displayEchoed() throws {
        let fixtures = try StorageFixtures()
        let user = try fixtures.user(#"{"userName":"echo@example.com","displayName":"Echo"}"#)
        let group = try fixtures.group("Echoes")
        let change = SCIMMembershipChange(add: [SCIMMember(value: user.id.uuidString, display: "As sent")])
        _ = try fixtures.groups { try $0.applyMembership(change, groupID: group.id) }
        #expect(try fixtures.groups { try $0.members(of: [group.id]) }[group.id]?.first?.display == "As sent")
    }

    @Test("deleting a member, user or group, gives every group it leaves a new version, so a stale ETag is no 304")
    func leavingBumpsVersions() throws {
        let fixtures = try StorageFixtures()
        let user = try fixtures.user(#"{"userName":"leaver@example.com"}"#)
        let other = try fixtures.user(#"{"userName":"stayer@example.com"}"#)
        let parent = try fixtures.group("Parent")
        let child = try fixtures.group("Child")
        let untouched = try fixtures.group("Untouched")
        try fixtures.groups { repository in
            _ = try repository.applyMembership(change(add: [user.id.uuidString]), groupID: parent.id)
            _ = try repository.applyMembership(change(add: [other.id.uuidString]), groupID: untouched.id)
            _ = try repository.applyMembership(
                SCIMMembershipChange(add: [SCIMMember(value: child.id.uuidString, type: "Group")]), groupID: parent.id)
        }
        let version = { (id: UUID) in try fixtures.groups { try $0.find(id: id)?.version } }
        let before = try version(parent.id)
        #expect(try fixtures.users { try $0.delete(id: user.id) })
        let afterUser = try version(parent.id)
        #expect(afterUser == before.map { $0 + 1 })
        #expect(try fixtures.groups { try $0.delete(id: child.id) })
        #expect(try version(parent.id) == afterUser.map { $0 + 1 })
        #expect(try fixtures.groups { try $0.members(of: [parent.id]) }[parent.id] == nil)
        #expect(try version(untouched.id) == untouched.version)
    }
}
