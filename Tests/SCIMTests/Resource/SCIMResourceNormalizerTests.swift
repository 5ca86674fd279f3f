import Testing

@testable import SCIM

@Suite("Normalising POST and PUT bodies")
struct SCIMResourceNormalizerTests {
    @Test("Okta's create body keeps what it wrote and drops groups and password")
    func oktaCreate() throws {
        let result = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice@example.com",
                "name":{"givenName":"Alice","familyName":"Ng"},"emails":[{"primary":true,
                "value":"alice@example.com","type":"work"}],"displayName":"Alice Ng","locale":"en-US",
                "externalId":"00u1abcdEFGH","groups":[],"password":"X9f2","active":true}
                """#
            ))
        #expect(
            result == [
                "schemas": [.string(SCIMSchemas.userURN)], "userName": "alice@example.com",
                "name": ["givenName": "Alice", "familyName": "Ng"],
                "emails": [["primary": true, "value": "alice@example.com", "type": "work"]],
                "displayName": "Alice Ng", "locale": "en-US", "externalId": "00u1abcdEFGH", "active": true,
            ])
    }

    @Test("Okta's PUT of the object it read ignores id, meta and groups")
    func oktaPut() throws {
        let result = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u-1","userName":"a@x.com",
                "meta":{"resourceType":"User","created":"2026-01-01T00:00:00Z"},"groups":[{"value":"g-1",
                "display":"Eng"}],"active":false}
                """#
            ))
        #expect(result == ["schemas": [.string(SCIMSchemas.userURN)], "userName": "a@x.com", "active": false])
    }

    @Test("Entra's create with the enterprise URN, meta and empty roles")
    func entraCreate() throws {
        let result = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"externalId":"0a21f0f2",
                "userName":"alice@example.com","active":true,"emails":[{"primary":true,"type":"work",
                "value":"alice@example.com"}],"meta":{"resourceType":"User"},"name":{"formatted":"Alice Ng",
                "familyName":"Ng","givenName":"Alice"},"roles":[],
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Finance",
                "manager":"u-0042"}}
                """#
            ))
        #expect(result["roles"] == nil)
        #expect(result["meta"] == nil)
        #expect(result[enterpriseURN] == ["department": "Finance", "manager": ["value": "u-0042"]])
        #expect(result["schemas"] == [.string(SCIMSchemas.userURN), .string(enterpriseURN)])
    }

    @Test("Microsoft's Postman PascalCase names are matched and written canonically")
    func pascalCase() throws {
        let result = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"UserName":"UserName123","Active":"True",
                "DisplayName":"BobIsAmazing","Name":{"FamilyName":"familyName","GivenName":"givenName"},
                "Emails":[{"Primary":true,"Type":"work","Value":"Test@contoso.com"}]}
                """#
            ))
        #expect(
            result == [
                "schemas": [.string(SCIMSchemas.userURN)], "userName": "UserName123", "active": true,
                "displayName": "BobIsAmazing", "name": ["familyName": "familyName", "givenName": "givenName"],
                "emails": [["primary": true, "type": "work", "value": "Test@contoso.com"]],
            ])
    }

    @Test("Microsoft's garbage case: null sub-attributes are unset, equal emails merge, one primary remains")
    func garbage() throws {
        let result = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u","active":"False",
                "addresses":[{"type":"work","country":null,"primary":null,"locality":"Paris"}],
                "emails":[{"type":"work","value":"a@x.com","primary":true},{"type":"home","value":"b@x.com",
                "primary":true},{"type":"work","value":"A@X.COM"}]}
                """#
            ))
        #expect(result["active"] == false)
        #expect(result["addresses"] == [["type": "work", "locality": "Paris"]])
        #expect(
            result["emails"] == [
                ["type": "work", "value": "A@X.COM", "primary": true],
                ["type": "home", "value": "b@x.com", "primary": false],
            ])
    }

    @Test("Microsoft's garbage case: two different work emails are refused with invalidValue, not half-kept")
    func repeatedTypeRefused() throws {
        #expect(
            throws: SCIMError.invalidValue("'emails' has more than one value of type 'work'; each type may appear once")
        ) {
            try SCIMResourceNormalizer.normalizeUser(
                json(
                    #"{"userName":"u","emails":[{"type":"work","value":"a@x.com"},{"type":"Work","value":"b@x.com"}]}"#)
            )
        }
    }

    @Test("OneLogin: emails as one object, empty strings unset, legacy schema URN tolerated")
    func oneLogin() throws {
        let result = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"schemas":["urn:scim:schemas:core:1.0"],"userName":"a@x.com","emails":{"value":"a@x.com",
                "primary":true},"title":"","nickName":"",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":""},
                "department":""}}
                """#
            ))
        #expect(
            result == [
                "schemas": [.string(SCIMSchemas.userURN)], "userName": "a@x.com",
                "emails": [["value": "a@x.com", "primary": true]],
            ])
    }

    @Test("unknown extension objects are kept verbatim, listed in schemas or not; unknown core keys are dropped")
    func unknownExtensions() throws {
        let result = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:example:custom:1.0"],"userName":"a",
                "urn:example:custom:1.0":{"Level":"3","nested":{"x":null}},"urn:example:other:1.0":{"y":1},
                "nickname":"N","shoeSize":44}
                """#
            ))
        #expect(result["urn:example:custom:1.0"] == ["Level": "3", "nested": ["x": .null]])
        #expect(result["urn:example:other:1.0"] == ["y": 1])
        #expect(result["shoeSize"] == nil)
        #expect(result["nickName"] == "N")
        #expect(
            result["schemas"] == [.string(SCIMSchemas.userURN), "urn:example:custom:1.0", "urn:example:other:1.0"])
    }

    @Test("Entra's custom extension object is kept although schemas does not list it")
    func entraCustomExtension() throws {
        let result = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"joe@example.com",
                "urn:ietf:params:scim:schemas:extension:custom:2.0:User":{"employeeNumber":"99887766",
                "worksiteId":"180"}}
                """#))
        let custom = "urn:ietf:params:scim:schemas:extension:custom:2.0:User"
        #expect(result[custom] == ["employeeNumber": "99887766", "worksiteId": "180"])
        #expect(result["schemas"] == [.string(SCIMSchemas.userURN), .string(custom)])
    }

    @Test("dotted and URN-qualified keys in a body land where their path says")
    func pathKeys() throws {
        let result = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"userName":"a","name":{"familyName":"Ng"},"name.givenName":"Alice",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":1001,
                "urn:ietf:params:scim:schemas:core:2.0:User:title":"T"}
                """#
            ))
        #expect(result["name"] == ["familyName": "Ng", "givenName": "Alice"])
        #expect(result[enterpriseURN] == ["employeeNumber": "1001"])
        #expect(result["title"] == "T")
    }

    @Test("a bare enterprise attribute name at the top level is not taken for the extension")
    func bareExtensionNameDropped() throws {
        let result = try SCIMResourceNormalizer.normalizeUser(json(#"{"userName":"a","employeeNumber":"E-1"}"#))
        #expect(result[enterpriseURN] == nil)
        #expect(result["employeeNumber"] == nil)
    }

    @Test("single values where lists are expected are wrapped, bare strings become {value}")
    func wrapping() throws {
        let result = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"userName":"a","roles":"admin","entitlements":["e1","e2"],"phoneNumbers":{"value":"+1 555",
                "type":"Work"}}
                """#
            ))
        #expect(result["roles"] == [["value": "admin"]])
        #expect(result["entitlements"] == [["value": "e1"], ["value": "e2"]])
        #expect(result["phoneNumbers"] == [["value": "+1 555", "type": "Work"]])
    }

    @Test(
        "numbers where strings are expected become their text",
        arguments: [("1001", "1001"), ("-7", "-7"), ("12.0", "12"), ("2.5", "2.5"), ("1e30", "1e+30")])
    func numbersAsText(number: String, text: String) throws {
        let result = try SCIMResourceNormalizer.normalizeUser(json(#"{"userName":"a","title":\#(number)}"#))
        #expect(result["title"] == .string(text))
    }

    @Test(
        "a missing or empty userName is invalidValue",
        arguments: [
            #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}"#, #"{"userName":""}"#, #"{"userName":null}"#,
        ])
    func missingUserName(text: String) {
        let error = scimError { _ = try SCIMResourceNormalizer.normalizeUser(json(text)) }
        #expect(error?.scimType == .invalidValue)
        #expect(error?.detail.contains("userName") == true)
    }

    @Test(
        "type errors are invalidValue naming the attribute",
        arguments: [
            (#"{"userName":"a","active":"yes"}"#, "active"),
            (#"{"userName":"a","name":"Alice"}"#, "name"),
            (#"{"userName":"a","title":true}"#, "title"),
            (#"{"userName":"a","title":["a","b"]}"#, "title"),
            (#"{"userName":"a","emails":[{"value":{"x":1}}]}"#, "emails.value"),
            (#"{"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":"E-1"}"#, enterpriseURN),
            (#"{"userName":["a"]}"#, "userName"),
        ])
    func typeErrors(text: String, attribute: String) {
        let error = scimError { _ = try SCIMResourceNormalizer.normalizeUser(json(text)) }
        #expect(error?.scimType == .invalidValue, "\(text)")
        #expect(error?.detail.contains(attribute) == true, "\(error?.detail ?? "")")
    }

    @Test("a body that is not an object is invalidSyntax")
    func notObject() {
        #expect(scimError { _ = try SCIMResourceNormalizer.normalizeUser(json("[]")) }?.scimType == .invalidSyntax)
    }

    @Test("normalising is idempotent: the stored form normalises to itself")
    func idempotent() throws {
        let once = try SCIMResourceNormalizer.normalizeUser(
            json(
                #"""
                {"UserName":"a","emails":{"value":"a@x.com"},
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":"m"}}
                """#
            ))
        #expect(try SCIMResourceNormalizer.normalizeUser(once) == once)
    }

    @Test("Entra's group create tolerates the Microsoft schema URN and meta, and has no members")
    func entraGroup() throws {
        let result = try SCIMResourceNormalizer.normalizeGroup(
            json(
                #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],"externalId":"8aa1a0c0",
                "displayName":"Engineering","meta":{"resourceType":"Group"}}
                """#
            ))
        #expect(
            result.attributes
                == ["schemas": [.string(SCIMSchemas.groupURN)], "externalId": "8aa1a0c0", "displayName": "Engineering"])
        #expect(result.members.isEmpty)
    }

    @Test("group members are split out, typed and de-duplicated")
    func groupMembers() throws {
        let result = try SCIMResourceNormalizer.normalizeGroup(
            json(
                #"""
                {"displayName":"Eng","id":"g-1","Members":[{"value":"u-1","display":"Alice"},{"value":"g-2",
                "type":"Group","$ref":"https://x/Groups/g-2"},{"value":"u-1"}]}
                """#
            ))
        #expect(result.attributes == ["schemas": [.string(SCIMSchemas.groupURN)], "displayName": "Eng"])
        #expect(result.members == [SCIMMember(value: "u-1"), SCIMMember(value: "g-2", type: "Group")])
    }

    @Test("a group without displayName is invalidValue", arguments: [#"{"members":[]}"#, #"{"displayName":""}"#])
    func groupWithoutName(text: String) {
        let error = scimError { _ = try SCIMResourceNormalizer.normalizeGroup(json(text)) }
        #expect(error?.scimType == .invalidValue)
        #expect(error?.detail.contains("displayName") == true)
    }
}
