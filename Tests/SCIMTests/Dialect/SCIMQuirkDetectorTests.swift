import SCIM
import Testing

@Suite("Quirks tolerated, detected from the request alone")
struct SCIMQuirkDetectorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let request: IdPRequest
        let quirks: [SCIMQuirk]
        var testDescription: String { request.name }
    }

    static let cases: [Case] = [
        Case(
            request: IdPRequest(
                "a plain RFC 7644 request has none", "PATCH", "/scim/v2/Groups/\(memberID)",
                body: #"""
                    {\#(patchOp),"Operations":[{"op":"remove","path":"members[value eq \"\#(memberID)\"]"},
                    {"op":"add","path":"members","value":[{"value":"\#(memberID)","type":"User"}]}]}
                    """#),
            quirks: []),
        Case(
            request: IdPRequest(
                "Okta: create from the Runscope test", "POST", "/scim/v2/Users",
                body: #"""
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com",
                    "emails":[{"primary":true,"value":"a@example.com","type":"work"}],"groups":[],"password":"x"}
                    """#,
                userAgent: oktaAgent, contentType: "application/json"),
            quirks: [.applicationJSON, .readOnlyAttributesSent]),
        Case(
            request: IdPRequest(
                "Okta: membership change with members without type", "PATCH", "/scim/v2/Groups/\(memberID)",
                body: #"""
                    {\#(patchOp),"Operations":[{"op":"remove","path":"members[value eq \"u-bob\"]"},
                    {"op":"add","path":"members","value":[{"value":"u-alice","display":"alice@example.com"}]}]}
                    """#),
            quirks: [.memberWithoutType]),
        Case(
            request: IdPRequest(
                "Okta: group rename carrying the id", "PATCH", "/scim/v2/Groups/\(memberID)",
                body: #"{\#(patchOp),"Operations":[{"op":"replace","value":{"id":"g1","displayName":"Eng"}}]}"#),
            quirks: [.readOnlyAttributesSent]),
        Case(
            request: IdPRequest(
                "Entra: default-format update", "PATCH", "/scim/v2/Users/\(memberID)",
                body: #"""
                    {\#(patchOp),"Operations":[
                    {"op":"Replace","path":"emails[type eq \"work\"].value","value":"a@example.com"},
                    {"op":"Replace","path":"active","value":"False"},
                    {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                    "value":"u-0042"}]}
                    """#),
            quirks: [.booleanAsString, .managerBareString, .opCase]),
        Case(
            request: IdPRequest(
                "Entra: default-format member removal", "PATCH", "/scim/v2/Groups/\(memberID)",
                body: #"""
                    {\#(patchOp),"Operations":[{"op":"Remove","path":"members",
                    "value":[{"$ref":null,"value":"u-0001"}]}]}
                    """#),
            quirks: [.memberWithoutType, .opCase, .removeMembersWithValue]),
        Case(
            request: IdPRequest(
                "Entra: flagged path-less replace", "PATCH", "/scim/v2/Users/\(memberID)?aadOptscim062020",
                body: #"""
                    {\#(patchOp),"Operations":[{"op":"replace","value":{"displayName":"Alice Ng",
                    "name.givenName":"Alice","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":
                    "E-1001"}}]}
                    """#),
            quirks: [.pathlessDottedKeys, .pathlessURNKeys]),
        Case(
            request: IdPRequest(
                "Entra: app roles as JSON text", "PATCH", "/scim/v2/Users/\(memberID)",
                body: #"""
                    {\#(patchOp),"Operations":[{"op":"add","path":"roles",
                    "value":[{"value":"{\"id\":\"r\",\"value\":\"Admin\"}"}]}]}
                    """#),
            quirks: [.rolesJSONString]),
        Case(
            request: IdPRequest(
                "Entra: group create with Microsoft's schema", "POST", "/scim/v2/Groups",
                body: #"""
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                    "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                    "displayName":"Eng","meta":{"resourceType":"Group"}}
                    """#),
            quirks: [.readOnlyAttributesSent, .unknownSchemaURN]),
        Case(
            request: IdPRequest(
                "Entra: members named with displayName", "PATCH", "/scim/v2/Groups/\(memberID)",
                body: #"""
                    {\#(patchOp),"Operations":[{"op":"add","path":"members",
                    "value":[{"value":"u1","displayName":"A","type":"User"}]}]}
                    """#),
            quirks: [.memberDisplayName]),
        Case(
            request: IdPRequest(
                "Entra: Postman collection in PascalCase with a string boolean", "POST", "/scim/v2/Users",
                body: #"{"UserName":"a@example.com","Active":"True","emails":[{"Primary":true,"value":"a"}]}"#),
            quirks: [.booleanAsString, .pascalCaseAttributes]),
        Case(
            request: IdPRequest(
                "Entra: unquoted filter value from the documentation", "GET",
                "/scim/v2/Users?filter=externalId+eq+jyoung"),
            quirks: [.unquotedFilterValue]),
        Case(
            request: IdPRequest(
                "Entra: flag glued to the resource by a pasted URL", "GET", "/scim/v2?aadOptscim062020/Users"),
            quirks: [.flagOnWrongSegment]),
        Case(
            request: IdPRequest("Entra: flag as its own parameter is fine", "GET", "/scim/v2/Users?aadOptscim062020"),
            quirks: []),
        Case(
            request: IdPRequest(
                "OneLogin: template with legacy URN, one email object and empty parameters", "POST", "/scim/v2/Users",
                body: #"""
                    {"schemas":["urn:scim:schemas:core:1.0"],"userName":"a@example.com","title":"",
                    "emails":{"value":"a@example.com","primary":true,"type":"work"},
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":""}}}
                    """#),
            quirks: [.emptyStringAsUnset, .legacySchemaURN, .singleObjectForList]),
        Case(
            request: IdPRequest(
                "authentik: whole-group replace and member removal with a value", "PATCH",
                "/scim/v2/Groups/\(memberID)",
                body: #"""
                    {\#(patchOp),"Operations":[{"op":"replace","value":{
                    "schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Eng"}},
                    {"op":"remove","path":"members","value":[{"value":"u1","type":"User"}]}]}
                    """#),
            quirks: [.readOnlyAttributesSent, .removeMembersWithValue]),
        Case(
            request: IdPRequest("lenient paths: trailing slash", "GET", "/scim/v2/Users/"),
            quirks: [.trailingSlash]),
        Case(
            request: IdPRequest("lenient paths: doubled slash and lower-case resource", "GET", "/scim/v2//users"),
            quirks: [.doubleSlash, .lowercaseResource]),
        Case(
            request: IdPRequest(
                "bulk operations are inspected as the requests they carry", "POST", "/scim/v2/Bulk",
                body: #"""
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                    {"method":"PATCH","path":"/Users/\#(memberID)","data":{\#(patchOp),
                    "Operations":[{"op":"Replace","path":"active","value":false}]}}]}
                    """#),
            quirks: [.opCase]),
    ]

    @Test("each IdP's non-standard input is named by its code, and standard input by none", arguments: cases)
    func detects(_ testCase: Case) throws {
        #expect(SCIMQuirkDetector.quirks(in: try testCase.request.observed()) == testCase.quirks)
    }

    @Test("codes are the stable short strings the log and the admin API show")
    func stableCodes() {
        let codes: [SCIMQuirk: String] = [
            .opCase: "op-case", .booleanAsString: "boolean-as-string",
            .removeMembersWithValue: "remove-members-with-value", .pathlessDottedKeys: "pathless-dotted-keys",
            .pathlessURNKeys: "pathless-urn-keys", .managerBareString: "manager-bare-string",
            .memberWithoutType: "member-without-type", .memberDisplayName: "member-displayName",
            .singleObjectForList: "single-object-for-list", .emptyStringAsUnset: "empty-string-as-unset",
            .pascalCaseAttributes: "pascal-case-attributes", .unquotedFilterValue: "unquoted-filter-value",
            .legacySchemaURN: "legacy-schema-urn", .unknownSchemaURN: "unknown-schema-urn",
            .readOnlyAttributesSent: "readonly-attributes-sent", .trailingSlash: "trailing-slash",
            .doubleSlash: "double-slash", .lowercaseResource: "lowercase-resource",
            .flagOnWrongSegment: "flag-on-wrong-segment", .applicationJSON: "application-json",
            .rolesJSONString: "roles-json-string",
        ]
        for (quirk, code) in codes { #expect(quirk.rawValue == code) }
    }
}
