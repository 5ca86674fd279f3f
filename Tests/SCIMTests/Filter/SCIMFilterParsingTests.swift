import Testing

@testable import SCIM

/// A resolved user attribute path for expectations.
private func user(_ text: String) -> SCIMAttributePath {
    SCIMAttributePath.resolve(text, resourceType: .user)!
}

private func parseUser(_ text: String) throws -> SCIMFilter {
    try SCIMFilter.parse(text, resourceType: .user)
}

@Suite("Filter parsing (RFC 7644 §3.4.2.2)")
struct SCIMFilterParsingTests {
    @Test("every comparison operator parses, in any letter case", arguments: SCIMComparison.allCases)
    func operators(comparison: SCIMComparison) throws {
        for spelling in [comparison.rawValue, comparison.rawValue.uppercased(), comparison.rawValue.capitalized] {
            let filter = try parseUser("title \(spelling) \"x\"")
            #expect(filter == .compare(user("title"), comparison, "x"))
        }
    }

    @Test(
        "attribute names are case-insensitive and resolve to canonical names",
        arguments: [
            "userName", "username", "USERNAME", "UserName", "urn:ietf:params:scim:schemas:core:2.0:User:userName",
            "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:username",
        ])
    func caseInsensitiveNames(name: String) throws {
        let filter = try parseUser("\(name) eq \"alice@example.com\"")
        guard case .compare(let path, .eq, "alice@example.com") = filter else {
            Issue.record("unexpected \(filter)")
            return
        }
        #expect(path.attribute == "userName")
        #expect(path.schemaURN == SCIMSchemas.userURN)
        #expect(path.description == "userName")
    }

    @Test("PingOne's template `username Eq \"x\"` and `email Co` style parse")
    func pingOneTemplates() throws {
        #expect(try parseUser(#"username Eq "alice""#) == .compare(user("userName"), .eq, "alice"))
        #expect(try parseUser(#"emails Co "@example.com""#) == .compare(user("emails.value"), .co, "@example.com"))
    }

    @Test("`pr` tests presence, in any case")
    func present() throws {
        #expect(try parseUser("title pr") == .present(user("title")))
        #expect(try parseUser("emails PR") == .present(user("emails")))
        #expect(try parseUser("name.familyName Pr") == .present(user("name.familyName")))
    }

    @Test("`and` binds tighter than `or`")
    func precedence() throws {
        let filter = try parseUser(#"title eq "a" or title eq "b" and nickName eq "c""#)
        #expect(
            filter
                == .or(
                    .compare(user("title"), .eq, "a"),
                    .and(.compare(user("title"), .eq, "b"), .compare(user("nickName"), .eq, "c"))))
        let other = try parseUser(#"title eq "a" and title eq "b" or nickName eq "c""#)
        #expect(
            other
                == .or(
                    .and(.compare(user("title"), .eq, "a"), .compare(user("title"), .eq, "b")),
                    .compare(user("nickName"), .eq, "c")))
    }

    @Test("logical operators are left-associative and case-insensitive")
    func associativity() throws {
        let filter = try parseUser(#"title eq "a" OR title eq "b" Or title eq "c""#)
        #expect(
            filter
                == .or(
                    .or(.compare(user("title"), .eq, "a"), .compare(user("title"), .eq, "b")),
                    .compare(user("title"), .eq, "c")))
    }

    @Test("parentheses override precedence")
    func parentheses() throws {
        let filter = try parseUser(#"(title eq "a" or title eq "b") and nickName eq "c""#)
        #expect(
            filter
                == .and(
                    .or(.compare(user("title"), .eq, "a"), .compare(user("title"), .eq, "b")),
                    .compare(user("nickName"), .eq, "c")))
    }

    @Test("`not (...)` negates, with or without a space, in any case")
    func negation() throws {
        let expected = SCIMFilter.not(.compare(user("title"), .eq, "a"))
        #expect(try parseUser(#"not (title eq "a")"#) == expected)
        #expect(try parseUser(#"NOT(title eq "a")"#) == expected)
        #expect(try parseUser(#"title pr and not (title eq "a")"#) == .and(.present(user("title")), expected))
    }

    @Test("RFC 7644 §3.4.2.2 example filters all parse")
    func rfcExamples() throws {
        let examples = [
            #"userName Eq "john""#,
            #"name.familyName co "O'Malley""#,
            #"userName sw "J""#,
            #"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#,
            "title pr",
            #"meta.lastModified gt "2011-05-13T04:42:34Z""#,
            #"meta.lastModified ge "2011-05-13T04:42:34Z""#,
            #"meta.lastModified lt "2011-05-13T04:42:34Z""#,
            #"meta.lastModified le "2011-05-13T04:42:34Z""#,
            #"title pr and userType eq "Employee""#,
            #"title pr or userType eq "Intern""#,
            #"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#,
            #"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#,
            #"userType eq "Employee" and (emails.type eq "work")"#,
            #"userType eq "Employee" and emails[type eq "work" and value co "@example.com"]"#,
            #"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
        ]
        for text in examples {
            #expect(throws: Never.self, "\(text)") { try parseUser(text) }
        }
    }

    @Test("value paths scope inner names to the outer attribute's sub-attributes")
    func valuePaths() throws {
        let filter = try parseUser(#"emails[type eq "work" and value co "@x.com"]"#)
        #expect(
            filter
                == .valuePath(
                    user("emails"),
                    .and(.compare(user("emails.type"), .eq, "work"), .compare(user("emails.value"), .co, "@x.com"))))
        #expect(
            try parseUser(#"emails[not (type eq "home")]"#)
                == .valuePath(user("emails"), .not(.compare(user("emails.type"), .eq, "home"))))
        #expect(
            try parseUser(#"emails[TYPE eq "work"]"#)
                == .valuePath(user("emails"), .compare(user("emails.type"), .eq, "work")))
    }

    @Test("Entra's matching filter emails[type eq \"work\"].value eq \"x\" is a value path with both conditions")
    func entraWorkEmailFilter() throws {
        let filter = try parseUser(#"emails[type eq "work"].value eq "alice@example.com""#)
        #expect(
            filter
                == .valuePath(
                    user("emails"),
                    .and(
                        .compare(user("emails.type"), .eq, "work"),
                        .compare(user("emails.value"), .eq, "alice@example.com"))))
    }

    @Test("the form Microsoft's docs printed, emails[type eq \"work\"] eq \"x\", compares the value")
    func microsoftDocsForm() throws {
        let filter = try parseUser(#"emails[type eq "work"] eq "alice@example.com""#)
        #expect(
            filter
                == .valuePath(
                    user("emails"),
                    .and(
                        .compare(user("emails.type"), .eq, "work"),
                        .compare(user("emails.value"), .eq, "alice@example.com"))))
    }

    @Test(
        "full-URN attribute names are never split on the dot of 2.0",
        arguments: [
            ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "employeeNumber", nil),
            ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", "manager", "value"),
            ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:Department", "department", nil),
        ] as [(String, String, String?)])
    func urnNames(name: String, attribute: String, sub: String?) throws {
        let filter = try parseUser("\(name) eq \"E-1\"")
        guard case .compare(let path, .eq, _) = filter else {
            Issue.record("unexpected \(filter)")
            return
        }
        #expect(path.schemaURN == enterpriseURN)
        #expect(path.attribute == attribute)
        #expect(path.subAttribute == sub)
        #expect(!path.isCoreSchema)
    }

    @Test("Entra's manager check `manager eq \"id\"` compares manager.value")
    func managerShortForm() throws {
        let filter = try parseUser(#"id eq "u-1" and manager eq "u-0042""#)
        #expect(filter == .and(.compare(user("id"), .eq, "u-1"), .compare(user("manager.value"), .eq, "u-0042")))
        #expect(user("manager.value").schemaURN == enterpriseURN)
    }

    @Test("id, externalId and meta sub-attributes resolve as common attributes")
    func commonAttributes() throws {
        for name in ["id", "externalId", "meta.lastModified", "meta.created", "META.RESOURCETYPE"] {
            let filter = try parseUser("\(name) pr")
            guard case .present(let path) = filter else {
                Issue.record("unexpected \(filter)")
                continue
            }
            #expect(path.isCommonAttribute, "\(name)")
            #expect(path.isCoreSchema)
        }
        #expect(!user("userName").isCommonAttribute)
    }

    @Test(
        "literals are converted to the attribute's type",
        arguments: [
            ("active eq true", JSONValue.bool(true)),
            ("active eq FALSE", .bool(false)),
            (#"active eq "True""#, .bool(true)),
            ("externalId eq jyoung", .string("jyoung")),
            ("externalId eq 12345", .string("12345")),
            ("externalId eq 007", .string("007")),
            ("externalId eq true", .string("true")),
            ("externalId eq 2a69c9a6-1708-45b7-0000-a7b4c8fb1000", .string("2a69c9a6-1708-45b7-0000-a7b4c8fb1000")),
            ("title eq null", .null),
            (#"meta.lastModified gt "2026-01-01T00:00:00Z""#, .string("2026-01-01T00:00:00Z")),
            (#"meta.created lt 2026-01-01T00:00:00+02:00"#, .string("2026-01-01T00:00:00+02:00")),
            (#"displayName eq "Zoë \"Z\" 日本 😀""#, .string("Zoë \"Z\" 日本 😀")),
            (#"displayName eq "\u00e9\ud83d\ude00""#, .string("é😀")),
        ] as [(String, JSONValue)])
    func literals(text: String, expected: JSONValue) throws {
        guard case .compare(_, _, let value) = try parseUser(text) else {
            Issue.record("not a comparison: \(text)")
            return
        }
        #expect(value == expected)
    }

    @Test("group filters resolve against the Group schema")
    func groupFilters() throws {
        let displayName = SCIMAttributePath.resolve("displayName", resourceType: .group)!
        #expect(
            try SCIMFilter.parse(#"DisplayName eq "Engineering""#, resourceType: .group)
                == .compare(displayName, .eq, "Engineering"))
        let members = try SCIMFilter.parse(#"members[value eq "u-1"]"#, resourceType: .group)
        let memberValue = SCIMAttributePath.resolve("members.value", resourceType: .group)!
        #expect(members == .valuePath(memberValue.parent, .compare(memberValue, .eq, "u-1")))
        #expect(throws: SCIMError.self) { try SCIMFilter.parse(#"userName eq "x""#, resourceType: .group) }
    }

    @Test("whitespace around tokens is tolerated")
    func whitespace() throws {
        #expect(try parseUser("  title   eq   \"a\"  ") == .compare(user("title"), .eq, "a"))
        #expect(try parseUser("( title pr )") == .present(user("title")))
    }
}
