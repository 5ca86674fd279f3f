import Testing

@testable import SCIM

/// RFC 7644 §3.5.2 semantics of add, replace and remove on users.
@Suite("PATCH: RFC 7644 semantics")
struct PatchSemanticsTests {
    @Test("add on a multi-valued attribute appends and keeps equal values once")
    func addAppends() throws {
        let stored = try storedUser(#""emails":[{"value":"a@x.com","type":"work","primary":true}]"#)
        let result = try patchUser(
            stored,
            patchBody(
                #"""
                [{"op":"add","path":"emails","value":[{"value":"A@X.COM","type":"work"},{"value":"b@x.com",
                "type":"home"}]}]
                """#
            ))
        #expect(
            result["emails"] == [
                ["value": "A@X.COM", "type": "work", "primary": true], ["value": "b@x.com", "type": "home"],
            ])
    }

    @Test("add of a new primary value makes it the only primary")
    func addNewPrimary() throws {
        let stored = try storedUser(#""emails":[{"value":"a@x.com","type":"work","primary":true}]"#)
        let result = try patchUser(
            stored,
            patchBody(#"[{"op":"add","path":"emails","value":{"value":"b@x.com","type":"home","primary":true}}]"#))
        #expect(
            result["emails"] == [
                ["value": "a@x.com", "type": "work", "primary": false],
                ["value": "b@x.com", "type": "home", "primary": true],
            ])
    }

    @Test("setting primary through a filtered path clears the other primary")
    func filteredPrimary() throws {
        let stored = try storedUser(
            #""phoneNumbers":[{"value":"1","type":"work","primary":true},{"value":"2","type":"mobile"}]"#)
        let result = try patchUser(
            stored, patchBody(#"[{"op":"replace","path":"phoneNumbers[type eq \"mobile\"].primary","value":true}]"#))
        #expect(
            result["phoneNumbers"] == [
                ["value": "1", "type": "work", "primary": false], ["value": "2", "type": "mobile", "primary": true],
            ])
    }

    @Test("replace on a multi-valued attribute without a filter replaces the whole list")
    func replaceList() throws {
        let stored = try storedUser(#""emails":[{"value":"a@x.com"},{"value":"b@x.com"}]"#)
        let result = try patchUser(
            stored, patchBody(#"[{"op":"replace","path":"emails","value":[{"value":"c@x.com"}]}]"#))
        #expect(result["emails"] == [["value": "c@x.com"]])
    }

    @Test("add on a single-valued attribute sets it")
    func addSingle() throws {
        let result = try patchUser(
            try storedUser(#""title":"Old""#), patchBody(#"[{"op":"add","path":"title","value":"New"}]"#))
        #expect(result["title"] == "New")
    }

    @Test("replace of a complex attribute merges sub-attributes (RFC 7644 §3.5.2.3)")
    func replaceComplexMerges() throws {
        let stored = try storedUser(#""name":{"givenName":"Alice","familyName":"Ng","middleName":"M"}"#)
        let result = try patchUser(
            stored,
            patchBody(#"[{"op":"replace","path":"name","value":{"familyName":"Wong","formatted":"Alice Wong"}}]"#))
        #expect(
            result["name"] == [
                "givenName": "Alice", "familyName": "Wong", "middleName": "M", "formatted": "Alice Wong",
            ])
        let pathless = try patchUser(stored, patchBody(#"[{"op":"replace","value":{"name":{"givenName":"Al"}}}]"#))
        #expect(pathless["name"] == ["givenName": "Al", "familyName": "Ng", "middleName": "M"])
    }

    @Test("a path-less add with a multi-valued attribute appends to it")
    func pathlessAddAppends() throws {
        let stored = try storedUser(#""emails":[{"value":"a@x.com"}]"#)
        let result = try patchUser(stored, patchBody(#"[{"op":"add","value":{"emails":[{"value":"b@x.com"}]}}]"#))
        #expect(result["emails"] == [["value": "a@x.com"], ["value": "b@x.com"]])
    }

    @Test("replace with null or an empty string unsets an optional attribute", arguments: ["null", #""""#])
    func replaceWithEmpty(value: String) throws {
        let result = try patchUser(
            try storedUser(#""title":"T""#), patchBody(#"[{"op":"replace","path":"title","value":\#(value)}]"#))
        #expect(result["title"] == nil)
    }

    @Test("remove of a simple, a sub- and a filtered attribute")
    func removes() throws {
        let stored = try storedUser(
            #"""
            "title":"T","name":{"givenName":"A","familyName":"N"},"emails":[{"value":"a@x.com","type":"work"},
            {"value":"b@x.com","type":"home"}]
            """#
        )
        let result = try patchUser(
            stored,
            patchBody(
                #"""
                [{"op":"remove","path":"title"},{"op":"remove","path":"name.givenName"},{"op":"remove",
                "path":"emails[type eq \"home\"]"}]
                """#
            ))
        #expect(result["title"] == nil)
        #expect(result["name"] == ["familyName": "N"])
        #expect(result["emails"] == [["value": "a@x.com", "type": "work"]])
    }

    @Test("remove of a sub-attribute through a filter touches only the matching elements")
    func removeFilteredSubAttribute() throws {
        let stored = try storedUser(
            #"""
            "emails":[{"value":"a@x.com","type":"work","display":"A"},{"value":"b@x.com","type":"home",
            "display":"B"}]
            """#
        )
        let result = try patchUser(stored, patchBody(#"[{"op":"remove","path":"emails[type eq \"work\"].display"}]"#))
        #expect(
            result["emails"] == [
                ["value": "a@x.com", "type": "work"], ["value": "b@x.com", "type": "home", "display": "B"],
            ])
    }

    @Test("removing the value of a filtered element removes the element (an email without address is void)")
    func removeFilteredValue() throws {
        let stored = try storedUser(
            #""emails":[{"value":"a@x.com","type":"work","primary":true},{"value":"b@x.com","type":"home"}]"#)
        let result = try patchUser(stored, patchBody(#"[{"op":"Remove","path":"emails[type eq \"work\"].value"}]"#))
        #expect(result["emails"] == [["value": "b@x.com", "type": "home"]])
    }

    @Test("sub-attributes written before the value of a new element land in that element")
    func displayBeforeValue() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"add","path":"emails[type eq \"work\"].display","value":"Work"},
                {"op":"add","path":"emails[type eq \"work\"].value","value":"a@x.com"}]
                """#))
        #expect(result["emails"] == [["type": "work", "display": "Work", "value": "a@x.com"]])
    }

    @Test("remove of a multi-valued attribute without filter or value clears it")
    func removeAll() throws {
        let result = try patchUser(
            try storedUser(#""emails":[{"value":"a@x.com"}]"#), patchBody(#"[{"op":"remove","path":"emails"}]"#))
        #expect(result["emails"] == nil)
    }

    @Test("remove on a multi-valued attribute with a value removes only the listed values")
    func removeListedValues() throws {
        let stored = try storedUser(#""emails":[{"value":"a@x.com"},{"value":"b@x.com"}]"#)
        let result = try patchUser(
            stored, patchBody(#"[{"op":"remove","path":"emails","value":[{"value":"A@X.com"}]}]"#))
        #expect(result["emails"] == [["value": "b@x.com"]])
    }

    @Test("remove with a filter that matches nothing succeeds without change (idempotent retries)")
    func removeNoMatch() throws {
        let stored = try storedUser(#""emails":[{"value":"a@x.com","type":"work"}]"#)
        let result = try patchUser(stored, patchBody(#"[{"op":"remove","path":"emails[type eq \"home\"]"}]"#))
        #expect(result == stored)
        let absent = try patchUser(try storedUser(), patchBody(#"[{"op":"remove","path":"nickName"}]"#))
        #expect(absent == (try storedUser()))
    }

    @Test(
        "removing or emptying userName is a mutability error (RFC 7644 §3.5.2.2)",
        arguments: [
            #"[{"op":"remove","path":"userName"}]"#,
            #"[{"op":"replace","path":"userName","value":""}]"#,
            #"[{"op":"replace","path":"userName","value":null}]"#,
        ])
    func requiredAttribute(operations: String) throws {
        let error = scimError { _ = try patchUser(try storedUser(), patchBody(operations)) }
        #expect(error?.scimType == .mutability)
        #expect(error?.detail.contains("userName") == true)
    }

    @Test("a remove without a path is noTarget")
    func removeWithoutPath() throws {
        let error = scimError { _ = try patchUser(try storedUser(), patchBody(#"[{"op":"remove"}]"#)) }
        #expect(error?.scimType == .noTarget)
    }

    @Test(
        "read-only attributes named by a path are mutability errors",
        arguments: [
            #"[{"op":"replace","path":"id","value":"u-2"}]"#,
            #"[{"op":"replace","path":"meta.created","value":"2026-01-01T00:00:00Z"}]"#,
            #"[{"op":"add","path":"groups","value":[{"value":"g-1"}]}]"#,
            #"[{"op":"remove","path":"groups"}]"#,
            #"[{"op":"remove","path":"id"}]"#,
        ])
    func readOnly(operations: String) throws {
        let error = scimError { _ = try patchUser(try storedUser(), patchBody(operations)) }
        #expect(error?.scimType == .mutability)
    }

    @Test("a read-only attribute may be sent with its current value")
    func readOnlyUnchanged() throws {
        var stored = try storedUser()
        stored = .object(stored.objectValue!.merging(["id": "u-1"]) { $1 })
        let result = try patchUser(stored, patchBody(#"[{"op":"replace","path":"id","value":"u-1"}]"#))
        #expect(result["id"] == "u-1")
    }

    @Test(
        "paths naming unknown attributes are invalidPath",
        arguments: [
            "nosuch", "name.nosuch", "emails[nosuch eq \\\"x\\\"]",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:nosuch", "userName.value",
            "emails[type eq ", "title[value eq \\\"x\\\"]",
        ])
    func unknownPath(path: String) throws {
        let error = scimError {
            _ = try patchUser(try storedUser(), patchBody(#"[{"op":"replace","path":"\#(path)","value":"x"}]"#))
        }
        #expect(error?.scimType == .invalidPath, "\(path): \(String(describing: error))")
    }

    @Test("path attribute and sub-attribute names are case-insensitive and stored canonically")
    func caseInsensitivePaths() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"add","path":"NAME.GIVENNAME","value":"A"},{"op":"add",
                "path":"Emails[Type eq \"work\"].Value","value":"a@x.com"}]
                """#
            ))
        #expect(result["name"] == ["givenName": "A"])
        #expect(result["emails"] == [["type": "work", "value": "a@x.com", "primary": true]])
    }

    @Test("a type mismatch is invalidValue naming the attribute")
    func typeMismatch() throws {
        let error = scimError {
            _ = try patchUser(try storedUser(), patchBody(#"[{"op":"replace","path":"name","value":[1,2]}]"#))
        }
        #expect(error?.scimType == .invalidValue)
        #expect(error?.detail.contains("name") == true)
    }

    @Test("unknown keys in a path-less value are ignored like unknown attributes in a POST")
    func unknownPathlessKeys() throws {
        let result = try patchUser(try storedUser(), patchBody(#"[{"op":"replace","value":{"nosuch":1,"title":"T"}}]"#))
        #expect(result["title"] == "T")
        #expect(result["nosuch"] == nil)
    }

    @Test("a stored unknown extension can be written through a path-less value")
    func unknownExtension() throws {
        let stored = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:example:custom:1.0"],"userName":"a",
                "urn:example:custom:1.0":{"level":1}}
                """#
            ))
        let result = try patchUser(
            stored, patchBody(#"[{"op":"add","value":{"urn:example:custom:1.0":{"badge":"b"}}}]"#))
        #expect(result["urn:example:custom:1.0"] == ["level": 1, "badge": "b"])
        #expect(result["schemas"] == [.string(SCIMSchemas.userURN), "urn:example:custom:1.0"])
    }

    @Test("operations apply in order and a failing operation leaves no partial result")
    func atomic() throws {
        let stored = try storedUser()
        let error = scimError {
            _ = try patchUser(
                stored,
                patchBody(#"[{"op":"replace","path":"title","value":"T"},{"op":"replace","path":"nosuch","value":1}]"#))
        }
        #expect(error?.scimType == .invalidPath)
        let ordered = try patchUser(
            stored,
            patchBody(#"[{"op":"replace","path":"title","value":"A"},{"op":"replace","path":"title","value":"B"}]"#))
        #expect(ordered["title"] == "B")
    }

    @Test("after any operation a multi-valued attribute has at most one primary")
    func singlePrimaryAfterReplace() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"replace","path":"emails","value":[{"value":"a@x.com","primary":true},{"value":"b@x.com",
                "primary":true}]}]
                """#
            ))
        let primaries = (result["emails"]?.arrayValue ?? []).filter { $0["primary"] == true }
        #expect(primaries.count == 1)
        #expect(primaries.first?["value"] == "a@x.com")
    }
}
