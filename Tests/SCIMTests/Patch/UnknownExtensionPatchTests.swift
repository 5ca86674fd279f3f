import Testing

@testable import SCIM

/// Extensions this service does not define, such as Entra's custom extension attributes.
@Suite("PATCH: unknown extensions are kept verbatim")
struct UnknownExtensionPatchTests {
    static let custom = "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User"

    @Test("an attribute path under an unknown extension URN writes the value verbatim")
    func attributePath() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(#"[{"op":"add","path":"\#(Self.custom):costCode","value":"C-1"}]"#))
        #expect(result[Self.custom] == ["costCode": "C-1"])
        #expect(result["schemas"] == [.string(SCIMSchemas.userURN), .string(Self.custom)])
        let removed = try patchUser(result, patchBody(#"[{"op":"remove","path":"\#(Self.custom):costCode"}]"#))
        #expect(removed[Self.custom] == nil)
        #expect(removed["schemas"] == [.string(SCIMSchemas.userURN)])
    }

    @Test("a path-less key under an unknown extension URN writes the value verbatim")
    func pathlessKey() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(#"[{"op":"replace","value":{"\#(Self.custom):badge":"B","\#(Self.custom):site.city":"Oslo"}}]"#))
        #expect(result[Self.custom] == ["badge": "B", "site": ["city": "Oslo"]])
    }

    @Test("a stored unknown extension object named as a path is merged by add and replaced by replace")
    func wholeStoredExtension() throws {
        let stored = try patchUser(
            try storedUser(), patchBody(#"[{"op":"add","path":"\#(Self.custom):badge","value":"B"}]"#))
        let added = try patchUser(stored, patchBody(#"[{"op":"add","path":"\#(Self.custom)","value":{"level":2}}]"#))
        #expect(added[Self.custom] == ["badge": "B", "level": 2])
        let replaced = try patchUser(
            stored, patchBody(#"[{"op":"replace","path":"\#(Self.custom)","value":{"level":3}}]"#))
        #expect(replaced[Self.custom] == ["level": 3])
    }

    @Test("an unknown attribute of a known schema is still invalidPath")
    func knownSchemaUnknownAttribute() {
        let error = scimError {
            _ = try patchUser(
                try storedUser(),
                patchBody(#"[{"op":"add","path":"\#(enterpriseURN):nosuch","value":"x"}]"#))
        }
        #expect(error?.scimType == .invalidPath)
    }

    @Test("the core schema's URN as a path applies its value to the user itself, never as an extension")
    func coreURNPath() throws {
        let result = try patchUser(
            try storedUser(),
            patchBody(#"[{"op":"replace","path":"\#(SCIMSchemas.userURN)","value":{"displayName":"Via URN"}}]"#))
        #expect(result["displayName"] == "Via URN")
        #expect(result["schemas"] == [.string(SCIMSchemas.userURN)])
        #expect(result["urn:ietf:params:scim:schemas:core:2.0"] == nil)
    }

    @Test(
        "a path under a URN the RFCs reserve that this service does not define is invalidPath, not an extension",
        arguments: [
            "urn:ietf:params:scim:schemas:core:2.0:Users:displayName",
            "urn:ietf:params:scim:api:messages:2.0:PatchOp:x",
        ])
    func reservedURNPath(path: String) {
        let error = scimError {
            _ = try patchUser(try storedUser(), patchBody(#"[{"op":"add","path":"\#(path)","value":"x"}]"#))
        }
        #expect(error?.scimType == .invalidPath)
    }

    @Test("a POST body key under an unknown extension URN is kept verbatim")
    func normalisedAttributeKeys() throws {
        let body = try json(
            #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","\#(Self.custom)"],"userName":"a",
            "\#(Self.custom):costCode":"C-1","urn:example:undeclared:1.0:User:x":"y"}
            """#)
        let result = try SCIMResourceNormalizer.normalizeUser(body)
        #expect(result[Self.custom] == ["costCode": "C-1"])
        #expect(result["urn:example:undeclared:1.0:User"] == ["x": "y"])
        let reserved = try SCIMResourceNormalizer.normalizeUser(
            try json(#"{"userName":"a","urn:ietf:params:scim:schemas:core:2.0":{"User":{"x":1}}}"#))
        #expect(reserved["urn:ietf:params:scim:schemas:core:2.0"] == nil)
    }

    @Test("projection selects unknown extension attributes by URN-qualified name")
    func projection() {
        let resource: JSONValue = ["id": "u-1", "userName": "a", Self.custom: ["a": 1, "b": 2]]
        let only = SCIMProjection(attributes: ["\(Self.custom):a"], excludedAttributes: [], resourceType: .user)
        #expect(only.apply(to: resource)[Self.custom] == ["a": 1])
        let without = SCIMProjection(attributes: [], excludedAttributes: ["\(Self.custom):b"], resourceType: .user)
        #expect(without.apply(to: resource)[Self.custom] == ["a": 1])
        let whole = SCIMProjection(attributes: [Self.custom], excludedAttributes: [], resourceType: .user)
        #expect(whole.apply(to: resource)[Self.custom] == ["a": 1, "b": 2])
    }
}
