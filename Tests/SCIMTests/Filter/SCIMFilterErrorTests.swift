import Testing

@testable import SCIM

@Suite("Filter errors are invalidFilter with a helpful detail")
struct SCIMFilterErrorTests {
    @Test(
        "malformed or unsupported filters are rejected",
        arguments: [
            ("", "empty"),
            ("   ", "empty"),
            (#"nosuch eq "x""#, "'nosuch' is not a User attribute"),
            (
                #"schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User""#,
                "'schemas' is not a User attribute"
            ),
            (#"name.nosuch eq "x""#, "'name' has no sub-attribute 'nosuch'"),
            (#"userName.value eq "x""#, "'userName' has no sub-attributes"),
            (#"urn:example:unknown:2.0:User:foo eq "x""#, "schema URN this resource type does not support"),
            (#"userName xx "x""#, "unknown operator 'xx'"),
            (#"userName "x""#, "expected an operator"),
            ("userName eq", "expected a value after 'eq'"),
            (#"userName eq "x" and"#, "expected an attribute name"),
            (#"userName eq "x" or"#, "expected an attribute name"),
            (#"(userName eq "x""#, "expected ')'"),
            (#"userName eq "x")"#, "unexpected ')"),
            (#"not userName eq "x""#, "'not' must be followed by '('"),
            (#"emails[type eq "work""#, "expected ']'"),
            (#"emails[nosuch eq "work"]"#, "'emails' has no sub-attribute 'nosuch'"),
            (#"emails[type eq "work"].nosuch eq "x""#, "no sub-attribute 'nosuch'"),
            (#"userName[value eq "x"]"#, "not a complex attribute"),
            (#"emails[type[value eq "x"]]"#, "nested"),
            (#"userName eq "unterminated"#, "unterminated string"),
            (#"userName eq "bad \q escape""#, "not valid JSON"),
            ("active gt true", "not allowed on boolean"),
            ("active co true", "not allowed on boolean"),
            (#"active eq "maybe""#, "boolean"),
            (#"x509Certificates.value gt "AAAA""#, "not allowed on binary"),
            (#"meta.lastModified gt "yesterday""#, "RFC 3339"),
            (#"meta.lastModified co "2026""#, "not allowed on date-time"),
            (#"name eq "Alice""#, "complex"),
            (#"title co null"#, "cannot compare 'title' with null"),
            (#"userName eq "a" userName eq "b""#, "unexpected"),
        ])
    func rejects(text: String, fragment: String) {
        let error = scimError { _ = try SCIMFilter.parse(text, resourceType: .user) }
        #expect(error?.status == 400)
        #expect(error?.scimType == .invalidFilter)
        #expect(error?.detail.contains(fragment) == true, "\(text) → \(error?.detail ?? "no error")")
    }

    @Test("a filter longer than maxLength is refused before parsing")
    func maxLength() throws {
        let text = #"userName eq ""# + String(repeating: "a", count: 100) + "\""
        #expect(throws: Never.self) { try SCIMFilter.parse(text, resourceType: .user, maxLength: text.utf8.count) }
        let error = scimError { _ = try SCIMFilter.parse(text, resourceType: .user, maxLength: text.utf8.count - 1) }
        #expect(error?.scimType == .invalidFilter)
        #expect(error?.detail.contains("longer than the limit") == true)
    }

    @Test("nesting beyond maxDepth is refused", arguments: [1, 4, 32])
    func maxDepth(limit: Int) throws {
        let nested = { (depth: Int) in
            String(repeating: "(", count: depth) + "title pr" + String(repeating: ")", count: depth)
        }
        #expect(throws: Never.self) { try SCIMFilter.parse(nested(limit), resourceType: .user, maxDepth: limit) }
        let error = scimError { _ = try SCIMFilter.parse(nested(limit + 1), resourceType: .user, maxDepth: limit) }
        #expect(error?.scimType == .invalidFilter)
        #expect(error?.detail.contains("deeper than the limit of \(limit)") == true)
        let negations =
            String(repeating: "not (", count: limit + 1) + "title pr" + String(repeating: ")", count: limit + 1)
        #expect(throws: SCIMError.self) { try SCIMFilter.parse(negations, resourceType: .user, maxDepth: limit) }
    }

    @Test("a hostile filter within the length limit fails cleanly")
    func hostile() {
        let text = String(repeating: "(", count: 2000)
        let error = scimError { _ = try SCIMFilter.parse(text, resourceType: .user) }
        #expect(error?.scimType == .invalidFilter)
    }
}
