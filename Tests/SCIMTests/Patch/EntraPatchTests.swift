import Testing

@testable import SCIM

/// Requests Microsoft Entra ID sends, with and without the aadOptscim062020 flag (IDP_BEHAVIOUR.md §2).
@Suite("PATCH: Microsoft Entra ID")
struct EntraPatchTests {
    @Test("op names in any case are accepted", arguments: ["Add", "REPLACE", "Replace", "replace"])
    func opCase(op: String) throws {
        let result = try patchUser(try storedUser(), patchBody(#"[{"op":"\#(op)","path":"nickName","value":"Ally"}]"#))
        #expect(result["nickName"] == "Ally")
    }

    @Test(
        "active as the string \"False\" or \"True\" is a boolean",
        arguments: [("False", false), ("True", true), ("false", false)])
    func booleanStrings(text: String, expected: Bool) throws {
        let stored = try storedUser(#""active":\#(!expected)"#)
        let result = try patchUser(stored, patchBody(#"[{"op":"Replace","path":"active","value":"\#(text)"}]"#))
        #expect(result["active"] == .bool(expected))
    }

    @Test("a value that is neither boolean nor a boolean string is invalidValue")
    func badBoolean() throws {
        let error = scimError {
            _ = try patchUser(try storedUser(), patchBody(#"[{"op":"replace","path":"active","value":"maybe"}]"#))
        }
        #expect(error?.scimType == .invalidValue)
        #expect(error?.detail.contains("active") == true)
    }

    @Test("a path-less replace with dotted and URN keys writes each as a path")
    func dottedAndURNKeys() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"replace","value":{"displayName":"Alice Ng","name.givenName":"Alice","name.familyName":"Ng",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"E-1001",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":"u-0042"}}]
                """#
            ))
        #expect(result["displayName"] == "Alice Ng")
        #expect(result["name"] == ["givenName": "Alice", "familyName": "Ng"])
        #expect(result[enterpriseURN] == ["employeeNumber": "E-1001", "manager": ["value": "u-0042"]])
        #expect(result["schemas"] == [.string(SCIMSchemas.userURN), .string(enterpriseURN)])
        #expect(result["name.givenName"] == nil)
    }

    @Test("a path-less value may carry filtered paths as keys")
    func filteredPathKeys() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"replace","value":{"emails[type eq \"work\"].value":"a@x.com",
                "addresses[type eq \"work\"].locality":"Oslo"}}]
                """#))
        #expect(result["emails"] == [["type": "work", "value": "a@x.com", "primary": true]])
        #expect(result["addresses"] == [["type": "work", "locality": "Oslo"]])
    }

    @Test("a path-less value may carry the extension object itself")
    func extensionObjectKey() throws {
        let stored = try storedUser(
            #""urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Ops"}"#)
        let result = try patchUser(
            stored,
            patchBody(
                #"""
                [{"op":"add",
                "value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"Department":"Finance",
                "costCenter":"CC-9"}}}]
                """#
            ))
        #expect(result[enterpriseURN] == ["department": "Finance", "costCenter": "CC-9"])
    }

    @Test("the extension URN as a path replaces attributes of the extension object")
    func extensionObjectPath() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                "value":{"employeeNumber":"E-7"}}]
                """#
            ))
        #expect(result[enterpriseURN] == ["employeeNumber": "E-7"])
        let removed = try patchUser(
            result, patchBody(#"[{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"}]"#)
        )
        #expect(removed[enterpriseURN] == nil)
        #expect(removed["schemas"] == [.string(SCIMSchemas.userURN)])
    }

    @Test("the manager as a bare id on the URN path becomes {value}")
    func managerBareString() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                "value":"u-0042"}]
                """#
            ))
        #expect(result[enterpriseURN]?["manager"] == ["value": "u-0042"])
    }

    @Test("the documented manager form, path manager with a one-element array, sets the manager")
    func managerDocumentedForm() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(#"[{"op":"Add","path":"manager","value":[{"$ref":"https://x/Users/u-0042","value":"u-0042"}]}]"#))
        #expect(result[enterpriseURN]?["manager"] == ["value": "u-0042", "$ref": "https://x/Users/u-0042"])
    }

    @Test("a new manager replaces the old manager object instead of merging its displayName")
    func managerChange() throws {
        let stored = try storedUser(
            #"""
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"u-1",
            "displayName":"Old Boss"}}
            """#
        )
        let result = try patchUser(
            stored,
            patchBody(
                #"""
                [{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                "value":"u-2"}]
                """#
            ))
        #expect(result[enterpriseURN]?["manager"] == ["value": "u-2"])
        let renamed = try patchUser(
            stored,
            patchBody(
                #"""
                [{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                "value":{"displayName":"Boss"}}]
                """#
            ))
        #expect(renamed[enterpriseURN]?["manager"] == ["value": "u-1", "displayName": "Boss"])
    }

    @Test("replace on emails[type eq \"work\"].value updates only the work email")
    func filteredReplace() throws {
        let stored = try storedUser(
            #"""
            "emails":[{"value":"alice@example.com","type":"work","primary":true},{"value":"alice@home.example",
            "type":"home"}]
            """#
        )
        let result = try patchUser(
            stored,
            patchBody(#"[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"alice.ng@example.com"}]"#))
        #expect(
            result["emails"] == [
                ["value": "alice.ng@example.com", "type": "work", "primary": true],
                ["value": "alice@home.example", "type": "home"],
            ])
    }

    @Test(
        "add or replace on a filtered path with no match creates the element, primary when none is",
        arguments: ["add", "Replace"])
    func filteredCreate(op: String) throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(#"[{"op":"\#(op)","path":"emails[type eq \"work\"].value","value":"alice@example.com"}]"#))
        #expect(result["emails"] == [["type": "work", "value": "alice@example.com", "primary": true]])
    }

    @Test("a created element is not primary when another element already is")
    func filteredCreateKeepsPrimary() throws {
        let stored = try storedUser(#""emails":[{"value":"alice@home.example","type":"home","primary":true}]"#)
        let result = try patchUser(
            stored, patchBody(#"[{"op":"add","path":"emails[type eq \"work\"].value","value":"alice@example.com"}]"#))
        #expect(
            result["emails"] == [
                ["value": "alice@home.example", "type": "home", "primary": true],
                ["type": "work", "value": "alice@example.com"],
            ])
    }

    @Test("several sub-attribute adds on one filtered path fill in one element")
    func filteredSubAttributesShareElement() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"Add","path":"addresses[type eq \"work\"].formatted","value":"1 Main St"},{"op":"Add",
                "path":"addresses[type eq \"work\"].locality","value":"Springfield"},{"op":"Replace",
                "path":"addresses[type eq \"work\"].country","value":"US"}]
                """#
            ))
        #expect(
            result["addresses"] == [
                ["type": "work", "formatted": "1 Main St", "locality": "Springfield", "country": "US"]
            ])
    }

    @Test("a filter that is not a plain equality cannot create a missing element: noTarget")
    func filteredCreateNeedsEquality() throws {
        let error = scimError {
            _ = try patchUser(
                try storedUser(), patchBody(#"[{"op":"replace","path":"emails[value co \"x\"].type","value":"work"}]"#))
        }
        #expect(error?.scimType == .noTarget)
    }

    @Test("a single-value add on a simple attribute sets it (no flag)")
    func singleValueAdd() throws {
        let result = try patchUser(
            try storedUser(#""nickName":"Al""#), patchBody(#"[{"op":"Add","path":"nickName","value":"Ally"}]"#))
        #expect(result["nickName"] == "Ally")
    }

    @Test("the enterprise department add from Entra's default-mode example lands in the extension")
    func departmentAdd() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"Replace","path":"name.familyName","value":"Ng"},{"op":"Add",
                "path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Finance"}]
                """#
            ))
        #expect(result["name"] == ["familyName": "Ng"])
        #expect(result[enterpriseURN] == ["department": "Finance"])
    }

    @Test("roles arriving as JSON text inside value are stored as sent")
    func appRoles() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(
                #"""
                [{"op":"Add","path":"roles",
                "value":[{"value":"{\"id\":\"r-1\",\"value\":\"Admin\",\"displayName\":\"Admin\"}"}]}]
                """#
            ))
        #expect(result["roles"] == [["value": #"{"id":"r-1","value":"Admin","displayName":"Admin"}"#]])
    }

    @Test("a top-level id and per-operation name in the PATCH body are ignored")
    func ignoredBodyMembers() throws {
        let result = try patchUser(
            try storedUser(),
            #"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"id":"u-1","Operations":[{"op":"Replace",
            "name":"nickName","path":"nickName","value":"Ally"}]}
            """#
        )
        #expect(result["nickName"] == "Ally")
    }
}
