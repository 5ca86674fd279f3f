import SCIM
import Testing

@Suite("Redaction keeps the structure of SCIM messages and none of their personal values")
struct SCIMRedactorTests {
    let redactor = SCIMRedactor()

    @Test("an Okta create keeps keys, schema URNs, booleans and type words; values become type markers")
    func oktaCreate() throws {
        let body = try json(
            #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice@example.com",
             "name":{"givenName":"Alice","familyName":"Ng"},"active":true,"locale":"en-US",
             "emails":[{"primary":true,"value":"alice@example.com","type":"work"}],"password":"X9f2pass","age":42}
            """#)
        let expected = try json(
            #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"<string:17>",
             "name":{"givenName":"<string:5>","familyName":"<string:2>"},"active":true,"locale":"<string:5>",
             "emails":[{"primary":true,"value":"<string:17>","type":"work"}],"password":"<redacted>","age":"<integer>"}
            """#)
        #expect(redactor.redact(body: body) == expected)
    }

    @Test("Entra PATCH keeps ops as sent, paths without their values, string booleans and member ids")
    func entraPatch() throws {
        let body = try json(
            #"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"Replace","path":"emails[type eq \"work\"].value","value":"alice@example.com"},
             {"op":"Replace","path":"active","value":"False"},
             {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
              "value":"\#(memberID)"},
             {"op":"Remove","path":"members","value":[{"$ref":null,"value":"\#(memberID)"}]},
             {"op":"remove","path":"members[value eq \"\#(memberID)\"]"},
             {"op":"replace","path":"password","value":"hunter2"},
             {"op":"replace","value":{"name.givenName":"Alice","displayName":"Alice Ng","id":"\#(memberID)"}}]}
            """#)
        let expected = try json(
            #"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"Replace","path":"emails[type eq \"work\"].value","value":"<string:17>"},
             {"op":"Replace","path":"active","value":"False"},
             {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
              "value":"\#(memberID)"},
             {"op":"Remove","path":"members","value":[{"$ref":null,"value":"\#(memberID)"}]},
             {"op":"remove","path":"members[value eq \"\#(memberID)\"]"},
             {"op":"replace","path":"password","value":"<redacted>"},
             {"op":"replace","value":{"name.givenName":"<string:5>","displayName":"<string:8>","id":"\#(memberID)"}}]}
            """#)
        #expect(redactor.redact(body: body) == expected)
    }

    @Test("an error answer keeps status and scimType and loses its detail, which may quote a value")
    func errorResponse() throws {
        let body = try json(
            #"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness",
             "detail":"userName alice@example.com is already taken"}
            """#)
        let redacted = redactor.redact(body: body)
        #expect(redacted["status"] == .string("409"))
        #expect(redacted["scimType"] == .string("uniqueness"))
        #expect(redacted["detail"] == .string("<string:43>"))
    }

    @Test("a list answer keeps its counts and ids, cuts long arrays and says how much it cut")
    func listResponse() throws {
        let resources = (0..<25).map { index in
            #"{"id":"\#(memberID)","userName":"user\#(index)@example.com"}"#
        }.joined(separator: ",")
        let body = try json(
            #"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":25,"startIndex":1,
             "itemsPerPage":25,"Resources":[\#(resources)]}
            """#)
        let redacted = redactor.redact(body: body)
        #expect(redacted["totalResults"] == .integer(25))
        #expect(redacted["itemsPerPage"] == .integer(25))
        let kept = try #require(redacted["Resources"]?.arrayValue)
        #expect(kept.count == 21)
        #expect(kept.last == .string("<+5 more>"))
        #expect(kept.first?["id"] == .string(memberID))
        #expect(kept.first?["userName"] == .string("<string:17>"))
    }

    @Test("ids that are not this service's resource ids, and ids outside id fields, are redacted")
    func foreignIDs() throws {
        let body = try json(
            #"{"id":"00u1abcdEFGH","externalId":"\#(memberID)","members":[{"value":"u-0001"}],"#
                + #""nickName":"\#(memberID)"}"#)
        let redacted = redactor.redact(body: body)
        #expect(redacted["id"] == .string("<string:12>"))
        #expect(redacted["externalId"] == .string("<string:36>"))
        #expect(redacted["members"]?.arrayValue?.first?["value"] == .string("<string:6>"))
        #expect(redacted["nickName"] == .string("<string:36>"))
    }

    @Test("a key that is itself data is replaced, attribute-path keys stay")
    func keys() throws {
        let body = try json(
            #"""
            {"urn:example:ext":{"alice@example.com":true,"bobby@example.com":false,"costCenter":"4130",
             "emails[type eq \"home\"].value":"x"}}
            """#)
        let redacted = redactor.redact(body: body)
        let ext = try #require(redacted["urn:example:ext"]?.objectValue)
        #expect(Set([ext["<key:17>"], ext["<key:17>#2"]]) == [.bool(true), .bool(false)])
        #expect(ext["costCenter"] == .string("<string:4>"))
        #expect(ext[#"emails[type eq "home"].value"#] == .string("<string:1>"))
    }

    @Test("nesting and size are bounded")
    func bounds() throws {
        var deep = JSONValue.string("bottom")
        for _ in 0..<40 { deep = .object(["nested": deep]) }
        let small = SCIMRedactor(maxArrayElements: 3, maxDepth: 4, maxNodes: 5)
        #expect(!small.redact(body: deep).serializedString.contains("bottom"))
        #expect(small.redact(body: deep).serializedString.contains("<nested>"))
        let wide = JSONValue.object(Dictionary(uniqueKeysWithValues: (0..<10).map { ("k\($0)", JSONValue.integer(1)) }))
        #expect(small.redact(body: wide).serializedString.contains("<truncated>"))
    }

    struct FilterCase: CustomTestStringConvertible, Sendable {
        let source: String
        let filter: String
        let redacted: String
        var testDescription: String { "\(source): \(filter)" }
    }

    static let filters: [FilterCase] = [
        FilterCase(
            source: "Okta", filter: #"userName eq "alice@example.com""#, redacted: #"userName eq "<string:17>""#),
        FilterCase(source: "Entra docs", filter: "externalId eq jyoung", redacted: "externalId eq <string:6>"),
        FilterCase(
            source: "Entra", filter: #"emails[type eq "work"].value eq "a@example.com""#,
            redacted: #"emails[type eq "work"].value eq "<string:13>""#),
        FilterCase(
            source: "Entra manager check", filter: #"id eq "\#(memberID)" and manager eq "u-0042""#,
            redacted: #"id eq "\#(memberID)" and manager eq "<string:6>""#),
        FilterCase(source: "PingOne template", filter: #"username Eq "bob""#, redacted: #"username Eq "<string:3>""#),
        FilterCase(
            source: "RFC 7644 §3.4.2.2", filter: #"not (title pr) or (userType eq "Employee" and active eq true)"#,
            redacted: #"not (title pr) or (userType eq "<string:8>" and active eq true)"#),
        FilterCase(source: "numbers", filter: "employeeNumber gt 1000", redacted: "employeeNumber gt <number>"),
        FilterCase(
            source: "escaped quote", filter: #"displayName eq "a \"quoted\" name""#,
            redacted: #"displayName eq "<string:15>""#),
        FilterCase(
            source: "unterminated string", filter: #"userName eq "alice"#, redacted: #"userName eq "<string:5>""#),
        FilterCase(
            source: "value in the wrong place", filter: "alice@example.com eq userName",
            redacted: "<string:17> <string:2> <string:8>"),
        FilterCase(
            source: "Okta remove", filter: #"members[value eq "\#(memberID)"]"#,
            redacted: #"members[value eq "\#(memberID)"]"#),
        FilterCase(
            source: "two-word bare value", filter: "userName eq john doe", redacted: "userName eq <string:4> <string:3>"
        ),
    ]

    @Test("filters keep attributes and operators, and lose their values", arguments: filters)
    func filter(_ testCase: FilterCase) {
        #expect(SCIMRedactor.redact(filter: testCase.filter) == testCase.redacted)
    }

    @Test("the request envelope keeps path shape, query words and the client's name, and no credentials")
    func envelope() throws {
        let request = SCIMObservedRequest(
            method: "GET", path: "/scim/v2//users/alice@example.com/",
            query: [
                ("filter", #"userName eq "alice@example.com""#), ("count", "100"), ("aadOptscim062020", ""),
                ("attributes", "userName,emails.value"), ("cursor", "opaqueCursorValue"), ("alice@x", "1"),
            ],
            userAgent: "Okta SCIM Client 1.0.0 (ops@example.com)", contentType: "application/scim+json; charset=utf-8")
        let envelope = redactor.redact(request: request)
        #expect(envelope["path"] == .string("/scim/v2//users/<segment:17>/"))
        #expect(envelope["userAgent"] == .string("Okta SCIM Client 1.0.0 <string:17>"))
        #expect(envelope["contentType"] == .string("application/scim+json"))
        let query = try #require(envelope["query"]?.arrayValue)
        #expect(query[0]["value"] == .string(#"userName eq "<string:17>""#))
        #expect(query[1]["value"] == .string("100"))
        #expect(query[2] == .object(["name": .string("aadOptscim062020"), "value": .string("")]))
        #expect(query[3]["value"] == .string("userName,emails.value"))
        #expect(query[4]["value"] == .string("<string:17>"))
        #expect(query[5] == .object(["name": .string("<param:7>"), "value": .string("<string:1>")]))
        #expect(envelope["body"] == nil)
    }

    @Test(
        "a credential a client puts in its User-Agent is not kept, and client names and versions are",
        arguments: [
            ("Okta SCIM Client Bearer scimgw_AbCd1234EfGh", "Okta SCIM Client Bearer <string:19>"),
            ("tool/2 (key=sk-live-4f9a8b7c6d5e4f3a2b1c)", "tool/2 <string:34>"),
            ("Azure AD SCIM Provisioning", "Azure AD SCIM Provisioning"),
            (
                "Mozilla/5.0 (X11; Linux x86_64) python-requests/2.32.3",
                "Mozilla/5.0 (X11; Linux x86_64) python-requests/2.32.3"
            ),
            (
                "scim2-tester 0.2.1 Microsoft.Identity.Client/4.61.3.0",
                "scim2-tester 0.2.1 Microsoft.Identity.Client/4.61.3.0"
            ),
        ])
    func userAgentSecrets(userAgent: String, kept: String) {
        #expect(SCIMRedactor.redact(userAgent: userAgent) == kept)
    }

    @Test("a body that is not JSON is kept as its size only")
    func unparsable() {
        let request = SCIMObservedRequest(method: "POST", path: "/scim/v2/Users", body: nil, bodyByteCount: 12)
        #expect(redactor.redact(request: request)["body"] == .string("<unparsable:12>"))
    }
}
