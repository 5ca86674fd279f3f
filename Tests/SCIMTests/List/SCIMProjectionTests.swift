import Testing

@testable import SCIM

@Suite("Attribute projection (RFC 7644 §3.4.2.5)")
struct SCIMProjectionTests {
    static let user: JSONValue = [
        "schemas": [.string(SCIMSchemas.userURN), .string(enterpriseURN)],
        "id": "u-1", "externalId": "x-1", "userName": "alice", "password": "secret",
        "name": ["givenName": "Alice", "familyName": "Ng"],
        "emails": [["value": "a@x.com", "type": "work", "primary": true]],
        "meta": ["resourceType": "User", "location": "http://h/Users/u-1"],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": ["employeeNumber": "E-1", "department": "Ops"],
        "urn:example:custom:1.0": ["level": 3],
    ]

    private func project(_ attributes: [String], _ excluded: [String] = [], _ resource: JSONValue = user)
        -> JSONValue
    {
        SCIMProjection(attributes: attributes, excludedAttributes: excluded, resourceType: .user).apply(to: resource)
    }

    @Test("by default everything except returned:never attributes is returned")
    func defaults() {
        var expected = Self.user.objectValue!
        expected["password"] = nil
        #expect(project([]) == .object(expected))
    }

    @Test("an empty or null attribute is left out, never rendered as null (a group whose last member left)")
    func emptyAttributesAreOmitted() {
        let group: JSONValue = [
            "schemas": [.string(SCIMSchemas.groupURN)], "id": "g-1", "displayName": "Empty", "members": [],
            "externalId": .null, "urn:example:custom:1.0": [:],
        ]
        let projected = SCIMProjection(attributes: [], excludedAttributes: [], resourceType: .group).apply(to: group)
        #expect(projected == ["schemas": [.string(SCIMSchemas.groupURN)], "id": "g-1", "displayName": "Empty"])
        #expect(projected.objectValue?.keys.contains("members") == false)
    }

    @Test("attributes=id returns id and schemas only (Entra's attributes=id)")
    func onlyID() {
        #expect(project(["id"]) == ["schemas": Self.user["schemas"]!, "id": "u-1"])
    }

    @Test("named attributes and sub-attributes are returned with the always-returned ones")
    func inclusion() {
        #expect(
            project(["userName", "name.givenName", "EMAILS.value"])
                == [
                    "schemas": Self.user["schemas"]!, "id": "u-1", "userName": "alice", "name": ["givenName": "Alice"],
                    "emails": [["value": "a@x.com"]],
                ])
    }

    @Test("extension attributes by URN, and a whole extension by its URN")
    func extensions() {
        #expect(
            project(["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"])[enterpriseURN]
                == ["employeeNumber": "E-1"])
        #expect(
            project(["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"])[enterpriseURN]
                == ["employeeNumber": "E-1", "department": "Ops"])
        #expect(project(["urn:example:custom:1.0"])["urn:example:custom:1.0"] == ["level": 3])
        #expect(project(["userName"])["urn:example:custom:1.0"] == nil)
    }

    @Test("excludedAttributes removes attributes and sub-attributes but never id")
    func exclusion() {
        let result = project([], ["name.familyName", "emails", "id", "meta", enterpriseURN])
        #expect(result["id"] == "u-1")
        #expect(result["name"] == ["givenName": "Alice"])
        #expect(result["emails"] == nil)
        #expect(result["meta"] == nil)
        #expect(result[enterpriseURN] == nil)
        #expect(result["userName"] == "alice")
    }

    @Test("unknown names are ignored")
    func unknownNames() {
        #expect(project([], ["nosuch", "name.nosuch"]) == project([]))
    }

    @Test("excludedAttributes=members drops a group's members and returns() says so (B12)")
    func groupMembers() {
        let group: JSONValue = [
            "schemas": [.string(SCIMSchemas.groupURN)], "id": "g-1", "displayName": "Eng",
            "members": [["value": "u-1"]], "meta": ["resourceType": "Group"],
        ]
        let projection = SCIMProjection(attributes: [], excludedAttributes: ["members"], resourceType: .group)
        #expect(
            projection.apply(to: group)
                == [
                    "schemas": [.string(SCIMSchemas.groupURN)], "id": "g-1", "displayName": "Eng",
                    "meta": ["resourceType": "Group"],
                ])
        #expect(!projection.returns(attribute: "members"))
        #expect(projection.returns(attribute: "displayName"))
        #expect(
            SCIMProjection(attributes: [], excludedAttributes: [], resourceType: .group).returns(attribute: "members"))
        #expect(
            !SCIMProjection(attributes: ["displayName"], excludedAttributes: [], resourceType: .group).returns(
                attribute: "Members"))
        #expect(
            SCIMProjection(attributes: ["members.value"], excludedAttributes: [], resourceType: .group).returns(
                attribute: "members"))
        #expect(
            SCIMProjection(attributes: ["displayName"], excludedAttributes: ["id"], resourceType: .group).returns(
                attribute: "id"))
    }
}
