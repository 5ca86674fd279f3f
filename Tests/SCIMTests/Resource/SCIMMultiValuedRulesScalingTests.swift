import Testing

@testable import SCIM

/// Regression for issue 8: de-duplicating a multi-valued attribute compared every value with every value kept so far.
/// A `POST /Users` of 20,000 emails (600 KB, under the body limit) held a worker for two minutes in a release build,
/// and values could pile up over requests until every PATCH on them took minutes. Found by the hostile-input tests.
/// Now duplicates are found by key, an attribute holds at most `SCIMMultiValuedRules.maxValues` values, and the
/// keyed comparison keeps the old answers, which the table below pins down.
@Suite("Multi-valued attributes at the size a hostile body allows")
struct SCIMMultiValuedRulesScalingTests {
    static func emails(_ range: Range<Int>) -> String {
        "[" + range.map { #"{"value":"\#($0)@example.com"}"# }.joined(separator: ",") + "]"
    }

    @Test("40,000 distinct emails are refused as tooMany, quickly", .timeLimit(.minutes(1)))
    func manyEmails() throws {
        let body = try json(#"{"userName":"many","emails":\#(Self.emails(0..<40_000))}"#)
        let error = scimError { _ = try SCIMResourceNormalizer.normalizeUser(body) }
        #expect(error?.scimType == .tooMany)
        #expect(error?.detail == "'emails' may hold at most 1000 values, not 40000")
    }

    @Test("the limit counts distinct values: 1,000 are kept, and duplicates beyond them do not count")
    func atTheLimit() throws {
        let values = Self.emails(0..<SCIMMultiValuedRules.maxValues).dropLast() + "," + Self.emails(0..<500).dropFirst()
        let user = try SCIMResourceNormalizer.normalizeUser(json(#"{"userName":"u","emails":\#(values)}"#))
        #expect(user["emails"]?.arrayValue?.count == SCIMMultiValuedRules.maxValues)
    }

    @Test(
        "PATCH operations that would pass the limit are refused, one at a time or all at once",
        arguments: [1, 20, 1000])
    func patchPastTheLimit(operations: Int) throws {
        let stored = try SCIMResourceNormalizer.normalizeUser(
            json(#"{"userName":"u","emails":\#(Self.emails(0..<990))}"#))
        let perOperation = 1001 / operations + 1
        let added = (0..<operations).map { index in
            let start = 10_000 + index * perOperation
            return #"{"op":"add","path":"emails","value":\#(Self.emails(start..<(start + perOperation)))}"#
        }
        let error = scimError { _ = try patchUser(stored, patchBody("[" + added.joined(separator: ",") + "]")) }
        #expect(error?.scimType == .tooMany)
    }

    @Test("adding 40,000 values to a verbatim extension array of 40,000 is quick", .timeLimit(.minutes(1)))
    func manyExtensionValues() throws {
        let numbers = (0..<40_000).map(String.init).joined(separator: ",")
        let stored = try SCIMResourceNormalizer.normalizeUser(
            json(#"{"userName":"u","urn:example:x:1.0:User":{"list":[\#(numbers)]}}"#))
        let result = try patchUser(
            stored, patchBody(#"[{"op":"add","path":"urn:example:x:1.0:User:list","value":[\#(numbers),40000]}]"#))
        #expect(result["urn:example:x:1.0:User"]?["list"]?.arrayValue?.count == 40_001)
    }

    @Test(
        "duplicates are still found wherever they sit, and only real duplicates",
        arguments: [
            // Equal values of one type, far apart: merged into the first, later keys winning.
            (
                #"[{"value":"a@x.com","type":"work"},{"value":"b@x.com"},"#
                    + #"{"value":"A@X.COM","type":"WORK","display":"A"}]"#,
                #"[{"value":"A@X.COM","type":"WORK","display":"A"},{"value":"b@x.com"}]"#
            ),
            // Equal values of different types, and values without a type next to typed ones, are distinct.
            (
                #"[{"value":"a@x.com","type":"work"},{"value":"a@x.com","type":"home"},{"value":"a@x.com"}]"#,
                #"[{"value":"a@x.com","type":"work"},{"value":"a@x.com","type":"home"},{"value":"a@x.com"}]"#
            ),
            // Roles compare their value ignoring case, like emails.
            (#"[{"value":"Admin"},{"value":"admin","display":"A"}]"#, #"[{"value":"admin","display":"A"}]"#),
            // Two primaries: the first stays primary.
            (
                #"[{"value":"a@x.com","primary":true},{"value":"b@x.com","primary":true}]"#,
                #"[{"value":"a@x.com","primary":true},{"value":"b@x.com","primary":false}]"#
            ),
        ])
    func duplicates(emails: String, expected: String) throws {
        // Through PATCH: a whole-resource write refuses repeated types before duplicates matter.
        let attribute = emails.contains("Admin") ? "roles" : "emails"
        let user = try patchUser(
            try storedUser(), patchBody(#"[{"op":"add","path":"\#(attribute)","value":\#(emails)}]"#))
        #expect(user[attribute] == (try json(expected)))
    }

    @Test("addresses, which have no value, are duplicates only when equal apart from primary")
    func addresses() throws {
        let added = #"""
            [{"locality":"Oslo","type":"work","primary":true},{"locality":"Bergen","type":"work"},
            {"locality":"Oslo","type":"work"}]
            """#
        let user = try patchUser(try storedUser(), patchBody(#"[{"op":"add","path":"addresses","value":\#(added)}]"#))
        let expected = #"[{"locality":"Oslo","type":"work","primary":true},{"locality":"Bergen","type":"work"}]"#
        #expect(user["addresses"] == (try json(expected)))
    }
}
