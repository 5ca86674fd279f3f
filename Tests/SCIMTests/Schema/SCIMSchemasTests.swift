import Testing

@testable import SCIM

@Suite("Schema definitions (RFC 7643 §8.7.1)")
struct SCIMSchemasTests {
    @Test(
        "user attributes carry the RFC characteristics",
        arguments: [
            (
                "userName", SCIMAttribute.DataType.string, false, true, false, SCIMAttribute.Mutability.readWrite,
                SCIMAttribute.Returned.default, SCIMAttribute.Uniqueness.server
            ),
            ("password", .string, false, false, false, .writeOnly, .never, .none),
            ("groups", .complex, true, false, false, .readOnly, .default, .none),
            ("emails", .complex, true, false, false, .readWrite, .default, .none),
            ("active", .boolean, false, false, false, .readWrite, .default, .none),
            ("profileUrl", .reference, false, false, false, .readWrite, .default, .none),
            ("x509Certificates", .complex, true, false, false, .readWrite, .default, .none),
        ]
            as [(
                String, SCIMAttribute.DataType, Bool, Bool, Bool, SCIMAttribute.Mutability, SCIMAttribute.Returned,
                SCIMAttribute.Uniqueness
            )])
    func userAttributes(
        name: String, type: SCIMAttribute.DataType, multiValued: Bool, required: Bool, caseExact: Bool,
        mutability: SCIMAttribute.Mutability, returned: SCIMAttribute.Returned, uniqueness: SCIMAttribute.Uniqueness
    ) throws {
        let attribute = try #require(SCIMSchemas.user.attribute(named: name.uppercased()))
        #expect(attribute.name == name)
        #expect(attribute.type == type)
        #expect(attribute.multiValued == multiValued)
        #expect(attribute.required == required)
        #expect(attribute.caseExact == caseExact)
        #expect(attribute.mutability == mutability)
        #expect(attribute.returned == returned)
        #expect(attribute.uniqueness == uniqueness)
    }

    @Test("the User schema has all RFC 7643 §4.1 attributes")
    func userAttributeNames() {
        #expect(
            SCIMSchemas.user.attributes.map(\.name) == [
                "userName", "name", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage",
                "locale", "timezone", "active", "password", "emails", "phoneNumbers", "ims", "photos", "addresses",
                "groups", "entitlements", "roles", "x509Certificates",
            ])
    }

    @Test("enterprise and group schemas")
    func otherSchemas() throws {
        #expect(
            SCIMSchemas.enterpriseUser.attributes.map(\.name) == [
                "employeeNumber", "costCenter", "organization", "division", "department", "manager",
            ])
        let manager = try #require(SCIMSchemas.enterpriseUser.attribute(named: "manager"))
        #expect(manager.subAttribute(named: "displayname")?.mutability == .readOnly)
        #expect(manager.subAttribute(named: "$ref")?.referenceTypes == ["User"])
        #expect(SCIMSchemas.group.attributes.map(\.name) == ["displayName", "members"])
        #expect(
            SCIMSchemas.group.attribute(named: "members")?.subAttribute(named: "type")?.canonicalValues == [
                "User", "Group",
            ])
        #expect(SCIMSchemas.commonAttribute(named: "ID")?.returned == .always)
        #expect(SCIMSchemas.commonAttribute(named: "externalId")?.caseExact == true)
        #expect(SCIMSchemas.schema(withURN: enterpriseURN.lowercased())?.id == enterpriseURN)
    }

    @Test("resource types name their schemas and endpoints")
    func resourceTypes() {
        #expect(SCIMResourceType.user.coreSchema.id == SCIMSchemas.userURN)
        #expect(SCIMResourceType.user.extensionSchemas.map(\.id) == [enterpriseURN])
        #expect(SCIMResourceType.group.endpoint == "/Groups")
        #expect(SCIMResourceType(caseInsensitiveName: "users") == .user)
        #expect(SCIMResourceType(caseInsensitiveName: "GROUP") == .group)
        #expect(SCIMResourceType(caseInsensitiveName: "device") == nil)
    }
}
