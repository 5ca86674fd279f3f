import Testing

@testable import SCIM

@Suite("Filter evaluation in memory")
struct SCIMFilterEvaluationTests {
    static let alice: JSONValue = [
        "id": "u-1",
        "externalId": "Ext-1",
        "userName": "Alice@Example.com",
        "title": "Analyst",
        "active": true,
        "name": ["givenName": "Alice", "familyName": "Ng"],
        "emails": [
            ["value": "alice@example.com", "type": "work", "primary": true],
            ["value": "alice@home.example", "type": "home"],
        ],
        "meta": ["created": "2025-06-01T00:00:00Z", "lastModified": "2026-02-01T12:00:00Z"],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": [
            "employeeNumber": "E-1001", "manager": ["value": "u-0042"],
        ],
    ]

    @Test(
        "filters match or not as RFC 7644 §3.4.2.2 says",
        arguments: [
            (#"userName eq "alice@example.com""#, true),
            (#"userName eq "ALICE@EXAMPLE.COM""#, true),
            (#"externalId eq "ext-1""#, false),
            (#"externalId eq "Ext-1""#, true),
            (#"id eq "U-1""#, false),
            (#"userName ne "bob@example.com""#, true),
            (#"userName co "EXAMPLE""#, true),
            (#"userName sw "alice""#, true),
            (#"userName ew ".com""#, true),
            (#"userName ew ".org""#, false),
            (#"title gt "Aardvark""#, true),
            (#"title lt "Aardvark""#, false),
            (#"title ge "analyst""#, true),
            (#"title le "analyst""#, true),
            ("title pr", true),
            ("nickName pr", false),
            ("nickName eq null", true),
            ("title ne null", true),
            (#"nickName ne "x""#, true),
            ("active eq true", true),
            ("active eq false", false),
            (#"name.familyName eq "ng""#, true),
            (#"emails co "home.example""#, true),
            (#"emails.value eq "alice@home.example""#, true),
            (#"emails.type eq "other""#, false),
            (#"emails[type eq "work" and value co "@example.com"]"#, true),
            (#"emails[type eq "home" and primary eq true]"#, false),
            (#"emails[type eq "work"].value eq "alice@example.com""#, true),
            (#"emails[type eq "work"].value eq "alice@home.example""#, false),
            (#"meta.lastModified gt "2026-01-01T00:00:00Z""#, true),
            (#"meta.lastModified gt "2026-02-01T13:00:00+02:00""#, true),
            (#"meta.lastModified lt "2026-02-01T12:00:00Z""#, false),
            (#"meta.lastModified eq "2026-02-01T14:00:00+02:00""#, true),
            (#"meta.created le "2025-06-01T00:00:00.000Z""#, true),
            (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "E-1001""#, true),
            (#"manager eq "u-0042""#, true),
            (#"manager.value eq "u-0043""#, false),
            (#"title eq "Analyst" and not (active eq false)"#, true),
            (#"title eq "Nope" or name.givenName sw "Al""#, true),
            (#"not (title pr)"#, false),
        ])
    func evaluates(text: String, expected: Bool) throws {
        let filter = try SCIMFilter.parse(text, resourceType: .user)
        #expect(filter.matches(Self.alice) == expected, "\(text)")
    }

    @Test("an empty string, empty array or null is not present")
    func presence() throws {
        let resource: JSONValue = ["title": "", "emails": [], "nickName": .null]
        for name in ["title", "emails", "nickName"] {
            #expect(try !SCIMFilter.parse("\(name) pr", resourceType: .user).matches(resource))
        }
    }

    @Test("group displayName compares without case (B17)")
    func groupDisplayName() throws {
        let filter = try SCIMFilter.parse(#"displayName eq "engineering""#, resourceType: .group)
        #expect(filter.matches(["displayName": "Engineering"]))
        #expect(!filter.matches(["displayName": "Sales"]))
    }
}
