import Foundation
import SCIM
import Storage
import Testing

@Suite("Filters run in PostgreSQL", .serialized)
struct UserFilterTests {
    static let people = [
        """
        {"userName":"alice@example.com","externalId":"ext-1","displayName":"Alice Ng","active":true,
         "name":{"givenName":"Alice","familyName":"Ng"},"title":"Engineer",
         "emails":[{"value":"alice@example.com","type":"work","primary":true},{"value":"al@home.example","type":"home"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Engineering","manager":{"value":"m-1"}}}
        """,
        """
        {"userName":"bob@corp.example","externalId":"ext-2","displayName":"Bob Stone","active":false,
         "name":{"givenName":"Bob","familyName":"Stone"},
         "emails":[{"value":"bob@corp.example","type":"work"}]}
        """,
        """
        {"userName":"Zoë@example.com","displayName":"Zoë Ünal","active":true,
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales"}}
        """,
    ]

    static let cases: [(String, [String])] = [
        ("userName eq \"ALICE@EXAMPLE.COM\"", ["alice@example.com"]),
        ("USERNAME Eq \"bob@corp.example\"", ["bob@corp.example"]),
        ("userName eq \"zoë@example.com\"", ["Zoë@example.com"]),
        ("externalId eq \"ext-1\"", ["alice@example.com"]),
        ("externalId eq \"EXT-1\"", []),
        ("externalId eq ext-2", ["bob@corp.example"]),
        ("displayName co \"ST\"", ["bob@corp.example"]),
        ("userName sw \"ali\"", ["alice@example.com"]),
        ("userName ew \"@corp.example\"", ["bob@corp.example"]),
        ("active eq false", ["bob@corp.example"]),
        ("active eq \"True\"", ["Zoë@example.com", "alice@example.com"]),
        ("not (active eq true)", ["bob@corp.example"]),
        ("name.familyName eq \"ng\"", ["alice@example.com"]),
        ("title pr", ["alice@example.com"]),
        ("not (title pr)", ["Zoë@example.com", "bob@corp.example"]),
        ("emails[type eq \"work\" and value co \"corp\"]", ["bob@corp.example"]),
        ("emails[type eq \"home\"]", ["alice@example.com"]),
        ("emails.value eq \"AL@home.example\"", ["alice@example.com"]),
        ("emails.type eq \"home\" or displayName eq \"zoë ünal\"", ["Zoë@example.com", "alice@example.com"]),
        (
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"engineering\"",
            ["alice@example.com"]
        ),
        ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"m-1\"", ["alice@example.com"]),
        ("meta.created gt \"2000-01-01T00:00:00Z\" and userName sw \"b\"", ["bob@corp.example"]),
        ("meta.lastModified lt \"2000-01-01T00:00:00Z\"", []),
        ("id eq \"not-a-uuid\"", []),
        ("title eq null", ["Zoë@example.com", "bob@corp.example"]),
        ("title ne null", ["alice@example.com"]),
        ("title ne \"Engineer\"", ["Zoë@example.com", "bob@corp.example"]),
        ("userName gt \"b\" and userName lt \"c\"", ["bob@corp.example"]),
    ]

    @Test("every filter form selects exactly the matching people", arguments: cases)
    func filterSelectsMatchingPeople(filter: String, expected: [String]) throws {
        let fixtures = try StorageFixtures()
        for person in Self.people { _ = try fixtures.user(person) }
        #expect(try fixtures.userNames(matching: filter) == expected.sorted())
    }

    @Test("filtering by id finds the user")
    func filterByID() throws {
        let fixtures = try StorageFixtures()
        let user = try fixtures.user(Self.people[0])
        #expect(try fixtures.userNames(matching: "id eq \"\(user.id.uuidString.lowercased())\"") == [user.userName])
    }

    @Test("totals count every match while a page holds only count items")
    func pagingTotals() throws {
        let fixtures = try StorageFixtures()
        for index in 0..<5 { _ = try fixtures.user("{\"userName\":\"user\(index)@example.com\"}") }
        let (total, page) = try fixtures.users {
            let result = try $0.list(PageRequest(offset: 2, limit: 2))
            return (result.total, result.items)
        }
        #expect(total == 5)
        #expect(page.map(\.userName) == ["user2@example.com", "user3@example.com"])
    }
}
