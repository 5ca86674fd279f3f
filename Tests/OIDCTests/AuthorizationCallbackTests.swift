import Foundation
import OIDC
import Testing

@Suite("Authorization callback checks")
struct AuthorizationCallbackTests {
    static let state = "expected-state"

    @Test(
        "accepts only a callback for this sign-in carrying a code",
        arguments: [
            ([("code", "abc"), ("state", state)], nil),
            ([("code", "abc"), ("state", state), ("iss", TestToken.issuer)], nil),
            ([("code", "abc"), ("state", "other")], OIDCError.Code.wrongState),
            ([("code", "abc")], .wrongState),
            ([("code", "abc"), ("state", state.uppercased())], .wrongState),
            ([("error", "access_denied"), ("state", state)], .authorizationDenied),
            ([("error", "access_denied")], .wrongState),
            ([("code", "abc"), ("state", state), ("iss", "https://other.example.test")], .wrongIssuer),
            ([("state", state)], .invalidResponse),
            ([("code", ""), ("state", state)], .invalidResponse),
            ([("code", "abc"), ("code", "def"), ("state", state)], .invalidResponse),
            ([("code", "abc"), ("state", state), ("state", state)], .invalidResponse),
        ] as [([(String, String)], OIDCError.Code?)])
    func callback(parameters: [(String, String)], expected: OIDCError.Code?) {
        let result = Result {
            try AuthorizationCallback.code(
                from: parameters.map { (name: $0.0, value: $0.1) }, expectedState: Self.state, issuer: TestToken.issuer)
        }
        #expect(result.failureCode == expected)
        if expected == nil { #expect((try? result.get()) == "abc") }
    }

    @Test("carries the provider's error code when the person declined")
    func denied() {
        let error = #expect(throws: OIDCError.self) {
            try AuthorizationCallback.code(
                from: URL(string: "https://g/cb?error=access_denied&error_description=User%20said%20no&state=s")!,
                expectedState: "s", issuer: TestToken.issuer)
        }
        #expect(error?.oauthError == "access_denied")
        #expect(error?.detail == "User said no")
    }
}
