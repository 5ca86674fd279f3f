import SCIM
import Testing

@Suite("Dialect recognition from the User-Agent and the request's shape")
struct SCIMDialectRecognizerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let request: IdPRequest
        let dialect: SCIMDialect
        var testDescription: String { "\(request.name) → \(dialect)" }
    }

    static let cases: [Case] = [
        Case(
            request: IdPRequest(
                "Okta: existence check before create", "GET",
                "/scim/v2/Users?filter=userName%20eq%20%22alice%40example.com%22&startIndex=1&count=100",
                userAgent: oktaAgent),
            dialect: .okta),
        Case(
            request: IdPRequest(
                "Okta: Runscope SPEC test create", "POST", "/scim/v2/Users",
                body: #"{"userName":"alice@example.com","name":{"givenName":"A","familyName":"N"}}"#,
                userAgent: "Runscope/1.0", contentType: "application/json"),
            dialect: .okta),
        Case(
            request: IdPRequest(
                "Okta: group push rename without an agent", "PATCH", "/scim/v2/Groups/\(memberID)",
                body: #"{\#(patchOp),"Operations":[{"op":"replace","value":{"id":"g1","displayName":"Eng"}}]}"#),
            dialect: .okta),
        Case(
            request: IdPRequest(
                "Entra: default-format disable", "PATCH", "/scim/v2/Users/\(memberID)",
                body: #"{\#(patchOp),"Operations":[{"op":"Replace","path":"active","value":"False"}]}"#,
                userAgent: entraAgent),
            dialect: .entra),
        Case(
            request: IdPRequest(
                "Entra: default format recognised without an agent", "PATCH", "/scim/v2/Groups/\(memberID)",
                body: #"{\#(patchOp),"Operations":[{"op":"Remove","path":"members","value":[{"value":"u1"}]}]}"#),
            dialect: .entra),
        Case(
            request: IdPRequest(
                "Entra: flagged URL, flagged format", "PATCH", "/scim/v2/Users/\(memberID)?aadOptscim062020",
                body: #"""
                    {\#(patchOp),"Operations":[{"op":"replace","value":{"name.givenName":"Alice",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"E-1"}}]}
                    """#,
                userAgent: entraAgent),
            dialect: .entraCompliant),
        Case(
            request: IdPRequest(
                "Entra: flagged format without the flag in the URL", "PATCH", "/scim/v2/Users/\(memberID)",
                body: #"{\#(patchOp),"Operations":[{"op":"replace","value":{"name.familyName":"Ng"}}]}"#),
            dialect: .entraCompliant),
        Case(
            request: IdPRequest(
                "Entra: provision on demand ignores the flag in the URL", "PATCH",
                "/scim/v2/Users/\(memberID)?aadOptscim062020",
                body: #"{\#(patchOp),"Operations":[{"op":"Replace","path":"displayName","value":"A"}]}"#,
                userAgent: entraAgent),
            dialect: .entra),
        Case(
            request: IdPRequest(
                "Entra: test connection with the flag", "GET",
                "/scim/v2/Users?aadOptscim062020&filter=userName+eq+%227d4f3c1e%22", userAgent: entraAgent),
            dialect: .entraCompliant),
        Case(
            request: IdPRequest(
                "Entra: the flag alone names the IdP", "GET", "/scim/v2/Groups?aadOptscim062020"),
            dialect: .entraCompliant),
        Case(
            request: IdPRequest(
                "Entra: group create with the Microsoft schema", "POST", "/scim/v2/Groups",
                body: #"""
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                    "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],"displayName":"Eng"}
                    """#),
            dialect: .entra),
        Case(
            request: IdPRequest(
                "OneLogin: template with the SCIM 1.1 URN", "POST", "/scim/v2/Users",
                body: #"{"schemas":["urn:scim:schemas:core:1.0"],"userName":"a@example.com"}"#),
            dialect: .onelogin),
        Case(
            request: IdPRequest(
                "OneLogin: template with one email object", "POST", "/scim/v2/Users",
                body: #"{"userName":"a@example.com","emails":{"value":"a@example.com","primary":true}}"#),
            dialect: .onelogin),
        Case(
            request: IdPRequest("JumpCloud: by its agent", "GET", "/scim/v2/Users", userAgent: "JumpCloud SCIM/2.0"),
            dialect: .jumpcloud),
        Case(
            request: IdPRequest(
                "PingFederate: title-case template filter", "GET",
                "/scim/v2/Users?filter=username%20Eq%20%22alice%22", userAgent: "Apache-HttpClient/4.5.13 (Java/17)"),
            dialect: .pingfederate),
        Case(
            request: IdPRequest(
                "Google: the probe", "GET", "/scim/v2/Users?count=1", userAgent: "Google-Auto-Provisioning"),
            dialect: .google),
        Case(
            request: IdPRequest(
                "authentik: by its agent", "PUT", "/scim/v2/Users/\(memberID)", body: #"{"userName":"a"}"#,
                userAgent: "authentik@2025.6.3"),
            dialect: .authentik),
        Case(
            request: IdPRequest(
                "authentik: whole-group path-less replace", "PATCH", "/scim/v2/Groups/\(memberID)",
                body: #"""
                    {\#(patchOp),"Operations":[{"op":"replace","value":{
                    "schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Eng","externalId":"x"}}]}
                    """#),
            dialect: .authentik),
        Case(
            request: IdPRequest(
                "generic: a named client with plain SCIM", "GET", "/scim/v2/Users", userAgent: "curl/8.5.0"),
            dialect: .generic),
        Case(
            request: IdPRequest("unknown: nothing to go on", "GET", "/scim/v2/Users?startIndex=1&count=100"),
            dialect: .unknown),
        Case(
            request: IdPRequest(
                "unknown: Entra and OneLogin signals in one request", "POST", "/scim/v2/Users",
                body: #"{"schemas":["urn:scim:schemas:core:1.0"],"userName":"a","active":"True"}"#),
            dialect: .unknown),
        Case(
            request: IdPRequest(
                "Okta: the agent wins over shape signals", "POST", "/scim/v2/Users",
                body: #"{"userName":"a","active":"True"}"#, userAgent: oktaAgent),
            dialect: .okta),
    ]

    @Test("each IdP's request is recognised, and nothing is guessed without a signal", arguments: cases)
    func recognises(_ testCase: Case) throws {
        let request = try testCase.request.observed()
        let dialect = SCIMDialectRecognizer.recognize(request, quirks: SCIMQuirkDetector.quirks(in: request))
        #expect(dialect == testCase.dialect)
    }

    @Test("both Entra formats are one family")
    func entraFamily() {
        #expect(SCIMDialect.entraCompliant.family == .entra)
        #expect(SCIMDialect.entra.family == .entra)
        #expect(SCIMDialect.okta.family == .okta)
        #expect(SCIMDialect.entraCompliant.rawValue == "entra-aadOptscim062020")
    }
}
