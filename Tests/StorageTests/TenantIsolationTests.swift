import Foundation
import SCIM
import Storage
import Testing

@Suite("One tenant never reaches another's data", .serialized)
struct TenantIsolationTests {
    @Test("a tenant cannot read, count, filter, change, delete or reference another's user, in both directions")
    func isolationBothWays() throws {
        let first = try StorageFixtures()
        let second = try StorageFixtures()
        let firstUser = try first.user(#"{"userName":"shared@example.com"}"#)
        let secondUser = try second.user(#"{"userName":"shared@example.com"}"#)
        #expect(firstUser.id != secondUser.id, "the same userName may exist once per tenant")

        for (mine, theirs, theirUser) in [(first, second, secondUser), (second, first, firstUser)] {
            _ = theirs
            try mine.users { repository in
                #expect(try repository.find(id: theirUser.id) == nil)
                let all = try repository.list(PageRequest(limit: 50))
                #expect(all.total == 1)
                #expect(all.items.allSatisfy { $0.id != theirUser.id })
                let byID = try SCIMFilter.parse("id eq \"\(theirUser.id.uuidString)\"", resourceType: .user)
                #expect(
                    try repository.list(PageRequest(filter: byID, limit: 5)).total == 0)
                #expect(try repository.delete(id: theirUser.id) == false)
                #expect(throws: SCIMError.self) {
                    try repository.update(id: theirUser.id, attributes: .object(["userName": .string("stolen")]))
                }
            }
            let group = try mine.group("Engineering")
            let outcome = try mine.groups { repository in
                try repository.applyMembership(
                    SCIMMembershipChange(add: [SCIMMember(value: theirUser.id.uuidString)]), groupID: group.id)
            }
            #expect(outcome.added == 0)
            #expect(try mine.groups { try $0.members(of: [group.id]) }[group.id] == nil)
            #expect(try theirs.users { try $0.find(id: theirUser.id) }?.userName == "shared@example.com")
        }
    }

    @Test("userName is unique within a tenant regardless of case")
    func userNameUniqueIgnoringCase() throws {
        let fixtures = try StorageFixtures()
        _ = try fixtures.user(#"{"userName":"Alice@Example.com"}"#)
        do {
            _ = try fixtures.user(#"{"userName":"alice@example.COM"}"#)
            Issue.record("a second user with the same userName in another case was accepted")
        } catch let error as SCIMError {
            #expect(error.status == 409)
            #expect(error.scimType == .uniqueness)
        }
    }

    @Test("a deleted user frees the userName and is no longer found")
    func deletedUserIsGone() throws {
        let fixtures = try StorageFixtures()
        let user = try fixtures.user(#"{"userName":"gone@example.com"}"#)
        #expect(try fixtures.users { try $0.delete(id: user.id) })
        #expect(try fixtures.users { try $0.find(id: user.id) } == nil)
        #expect(try fixtures.users { try $0.delete(id: user.id) } == false)
        _ = try fixtures.user(#"{"userName":"gone@example.com"}"#)
    }
}
