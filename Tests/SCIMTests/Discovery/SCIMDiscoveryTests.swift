import Testing

@testable import SCIM

@Suite("Discovery documents (RFC 7643 §5-7)")
struct SCIMDiscoveryTests {
    let base = "http://127.0.0.1:8080/scim/v2"

    @Test("ServiceProviderConfig states the options with integer limits and a bearer scheme")
    func serviceProviderConfig() {
        let options = SCIMServiceProviderOptions(
            bulk: .init(maxOperations: 500), filter: .init(maxResults: 100), etag: true,
            documentationURI: "https://docs.example.com/scim")
        let document = SCIMDiscovery.serviceProviderConfig(options, baseURL: base)
        #expect(document["schemas"] == ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"])
        #expect(document["patch"] == ["supported": true])
        #expect(document["bulk"] == ["supported": false, "maxOperations": 500, "maxPayloadSize": 1_048_576])
        #expect(document["filter"] == ["supported": true, "maxResults": 100])
        #expect(document["changePassword"] == ["supported": false])
        #expect(document["sort"] == ["supported": false])
        #expect(document["etag"] == ["supported": true])
        #expect(document["documentationUri"] == "https://docs.example.com/scim")
        #expect(document["authenticationSchemes"]?.arrayValue?.first?["type"] == "oauthbearertoken")
        #expect(document["meta"]?["location"] == .string("\(base)/ServiceProviderConfig"))
        #expect(document["pagination"] == nil)
        let cursor = SCIMDiscovery.serviceProviderConfig(
            SCIMServiceProviderOptions(cursorPagination: true), baseURL: base)
        #expect(cursor["pagination"]?["cursor"] == true)
    }

    @Test("ResourceTypes lists User (with the enterprise extension) and Group")
    func resourceTypes() {
        let list = SCIMDiscovery.resourceTypes(baseURL: base)
        #expect(list["totalResults"] == 2)
        let user = SCIMDiscovery.resourceType(named: "user", baseURL: base)
        #expect(user?["endpoint"] == "/Users")
        #expect(user?["schema"] == .string(SCIMSchemas.userURN))
        #expect(user?["schemaExtensions"] == [["schema": .string(enterpriseURN), "required": false]])
        #expect(user?["meta"]?["location"] == .string("\(base)/ResourceTypes/User"))
        #expect(SCIMDiscovery.resourceType(named: "Group", baseURL: base)?["schemaExtensions"] == nil)
        #expect(SCIMDiscovery.resourceType(named: "Device", baseURL: base) == nil)
    }

    @Test("Schemas lists the three schemas with camelCase characteristics and no nulls")
    func schemas() throws {
        let list = SCIMDiscovery.schemas(baseURL: base)
        #expect(list["totalResults"] == 3)
        #expect(
            list["Resources"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [
                SCIMSchemas.userURN, enterpriseURN, SCIMSchemas.groupURN,
            ])
        #expect(!list.serializedString.contains("null"))
        let user = try #require(SCIMDiscovery.schema(id: SCIMSchemas.userURN.uppercased(), baseURL: base))
        let userName = user["attributes"]?.arrayValue?.first { $0["name"] == "userName" }
        #expect(
            userName == [
                "name": "userName", "type": "string", "multiValued": false,
                "description": userName?["description"] ?? .null, "required": true, "caseExact": false,
                "mutability": "readWrite", "returned": "default", "uniqueness": "server",
            ])
        let emails = user["attributes"]?.arrayValue?.first { $0["name"] == "emails" }
        #expect(emails?["subAttributes"]?.arrayValue?.map { $0["name"] } == ["value", "display", "type", "primary"])
        let emailType = emails?["subAttributes"]?.arrayValue?.first { $0["name"] == "type" }
        #expect(emailType?["canonicalValues"] == ["work", "home", "other"])
        let password = user["attributes"]?.arrayValue?.first { $0["name"] == "password" }
        #expect(password?["mutability"] == "writeOnly")
        #expect(password?["returned"] == "never")
        #expect(user["meta"]?["location"] == .string("\(base)/Schemas/\(SCIMSchemas.userURN)"))
        #expect(SCIMDiscovery.schema(id: "urn:nope", baseURL: base) == nil)
    }
}
