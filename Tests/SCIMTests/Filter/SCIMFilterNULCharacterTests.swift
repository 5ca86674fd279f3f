import Testing

@testable import SCIM

/// Regression for issue 8: a NUL character in a filter value reached PostgreSQL, which cannot hold it in text, and
/// the list request failed with a 500. Found by the hostile-input suite (Tests/e2e/test_hostile_input.py).
@Suite("Filter values with a NUL character")
struct SCIMFilterNULCharacterTests {
    @Test(
        "a NUL character in a quoted, escaped or bare value is invalidFilter, in every kind of comparison",
        arguments: [
            #"userName eq "a\u0000b""#,
            "externalId eq a\u{0}b",
            #"emails[value co "\u0000"]"#,
            #"not (displayName sw "x\u0000")"#,
            #"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "\u0000""#,
            #"meta.lastModified gt "2026-01-01T00:00:00Z\u0000""#,
        ])
    func refused(filter: String) {
        let error = scimError { _ = try SCIMFilter.parse(filter, resourceType: .user) }
        #expect(error?.status == 400)
        #expect(error?.scimType == .invalidFilter)
        #expect(error?.detail.contains("NUL") == true)
    }

    @Test("a group's member filter refuses a NUL character too")
    func memberFilter() {
        let error = scimError { _ = try SCIMFilter.parse(#"members[value eq "\u0000"]"#, resourceType: .group) }
        #expect(error?.scimType == .invalidFilter)
    }

    @Test("other control characters written as escapes are still ordinary values")
    func otherEscapes() throws {
        let filter = try SCIMFilter.parse(#"userName eq "tab\there\u0001""#, resourceType: .user)
        guard case .compare(_, .eq, let value) = filter else {
            Issue.record("expected a comparison, got \(filter)")
            return
        }
        #expect(value == .string("tab\there\u{1}"))
    }
}
