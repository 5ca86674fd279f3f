import Testing

@testable import SCIM

@Suite("Filter canonical text")
struct SCIMFilterDescriptionTests {
    @Test(
        "filters render canonically and parse back to the same filter",
        arguments: [
            (#"USERNAME Eq "Alice""#, #"userName eq "Alice""#),
            ("externalId eq jyoung", #"externalId eq "jyoung""#),
            ("active eq True", "active eq true"),
            ("title PR", "title pr"),
            (#"a eq "1" or title eq "2" and nickName eq "3""#, ""),
            (
                #"title eq "1" or title eq "2" and nickName eq "3""#,
                #"title eq "1" or title eq "2" and nickName eq "3""#
            ),
            (
                #"(title eq "1" or title eq "2") and nickName eq "3""#,
                #"(title eq "1" or title eq "2") and nickName eq "3""#
            ),
            (
                #"title eq "1" and (title eq "2" and nickName eq "3")"#,
                #"title eq "1" and (title eq "2" and nickName eq "3")"#
            ),
            (
                #"title eq "1" or (title eq "2" or nickName eq "3")"#,
                #"title eq "1" or (title eq "2" or nickName eq "3")"#
            ),
            (#"not (title pr)"#, "not (title pr)"),
            (#"emails[Type eq "work" and value co "@x"]"#, #"emails[type eq "work" and value co "@x"]"#),
            (#"emails[type eq "work"].value eq "a@x""#, #"emails[type eq "work" and value eq "a@x"]"#),
            (
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq E-1",
                #"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "E-1""#
            ),
            (#"displayName eq "quote \" and é""#, #"displayName eq "quote \" and é""#),
            (#"meta.lastModified gt "2026-01-01T00:00:00Z""#, #"meta.lastModified gt "2026-01-01T00:00:00Z""#),
        ])
    func canonicalText(text: String, expected: String) throws {
        guard let filter = try? SCIMFilter.parse(text, resourceType: .user) else {
            #expect(expected.isEmpty, "\(text) did not parse")
            return
        }
        #expect(filter.description == expected)
        #expect(try SCIMFilter.parse(filter.description, resourceType: .user) == filter)
    }
}
