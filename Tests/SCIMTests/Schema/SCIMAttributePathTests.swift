import Testing

@testable import SCIM

@Suite("Attribute path resolution")
struct SCIMAttributePathTests {
    @Test(
        "references resolve to canonical schema, attribute and sub-attribute",
        arguments: [
            ("userName", SCIMSchemas.userURN, "userName", nil),
            ("NAME.givenname", SCIMSchemas.userURN, "name", "givenName"),
            ("emails.Value", SCIMSchemas.userURN, "emails", "value"),
            ("meta.lastModified", SCIMSchemas.userURN, "meta", "lastModified"),
            ("urn:ietf:params:scim:schemas:core:2.0:User:emails.type", SCIMSchemas.userURN, "emails", "type"),
            (
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName", enterpriseURN,
                "manager",
                "displayName"
            ),
            ("employeeNumber", enterpriseURN, "employeeNumber", nil),
            ("groups.$ref", SCIMSchemas.userURN, "groups", "$ref"),
        ] as [(String, String, String, String?)])
    func resolves(text: String, schema: String, attribute: String, sub: String?) throws {
        let path = try #require(SCIMAttributePath.resolve(text, resourceType: .user))
        #expect(path.schemaURN == schema)
        #expect(path.attribute == attribute)
        #expect(path.subAttribute == sub)
        #expect(path.definition.name == (sub ?? attribute))
    }

    @Test(
        "references that name nothing do not resolve",
        arguments: [
            "", "nosuch", "name.", ".name", "name.givenName.x", "userName.x",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:", "urn:x:y", "members",
        ])
    func rejects(text: String) {
        #expect(SCIMAttributePath.resolve(text, resourceType: .user) == nil)
    }

    @Test("the description is canonical and URN-qualified only for extensions")
    func description() {
        #expect(SCIMAttributePath.resolve("EMAILS.VALUE", resourceType: .user)?.description == "emails.value")
        #expect(
            SCIMAttributePath.resolve("employeenumber", resourceType: .user)?.description
                == "\(enterpriseURN):employeeNumber")
    }
}
