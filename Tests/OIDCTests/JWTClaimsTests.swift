import Foundation
import OIDC
import SCIM
import Testing

@Suite("ID token claim checks")
struct JWTClaimsTests {
    static let now = Int64(TestToken.now.timeIntervalSince1970)

    static let cases: [ClaimCase] = [
        ClaimCase("the standard claims pass", nil) { _ in },
        ClaimCase("another issuer is wrongIssuer", .wrongIssuer) { $0["iss"] = "https://evil.example.test" },
        ClaimCase("an issuer with a trailing slash is wrongIssuer", .wrongIssuer) {
            $0["iss"] = .string(TestToken.issuer + "/")
        },
        ClaimCase("an issuer differing in case is wrongIssuer", .wrongIssuer) {
            $0["iss"] = .string(TestToken.issuer.uppercased())
        },
        ClaimCase("a missing issuer is missingClaim", .missingClaim) { $0["iss"] = nil },
        ClaimCase("a numeric issuer is malformed", .malformed) { $0["iss"] = 7 },
        ClaimCase("a missing subject is missingClaim", .missingClaim) { $0["sub"] = nil },
        ClaimCase("an empty subject is missingClaim", .missingClaim) { $0["sub"] = "" },
        ClaimCase("another audience is wrongAudience", .wrongAudience) { $0["aud"] = "someone-else" },
        ClaimCase("an audience array with only others is wrongAudience", .wrongAudience) {
            $0["aud"] = ["a", "b"]
            $0["azp"] = .string(TestToken.clientID)
        },
        ClaimCase("an audience array holding only this client passes", nil) {
            $0["aud"] = .array([.string(TestToken.clientID)])
        },
        ClaimCase("several audiences with azp naming this client pass", nil) {
            $0["aud"] = .array([.string(TestToken.clientID), "api"])
            $0["azp"] = .string(TestToken.clientID)
        },
        ClaimCase("several audiences without azp are wrongAuthorizedParty", .wrongAuthorizedParty) {
            $0["aud"] = .array([.string(TestToken.clientID), "api"])
        },
        ClaimCase("azp naming another client is wrongAuthorizedParty", .wrongAuthorizedParty) {
            $0["azp"] = "other-client"
        },
        ClaimCase("a missing audience is missingClaim", .missingClaim) { $0["aud"] = nil },
        ClaimCase("an empty audience array is malformed", .malformed) { $0["aud"] = [] },
        ClaimCase("a numeric audience is malformed", .malformed) { $0["aud"] = 5 },
        ClaimCase("an audience array with a number is malformed", .malformed) {
            $0["aud"] = .array([.string(TestToken.clientID), 5])
        },
        ClaimCase("exp past by more than the skew is expired", .expired) { $0["exp"] = .integer(now - 61) },
        ClaimCase("exp past by exactly the skew is expired", .expired) { $0["exp"] = .integer(now - 60) },
        ClaimCase("exp past by less than the skew passes", nil) { $0["exp"] = .integer(now - 59) },
        ClaimCase("a fractional exp passes", nil) { $0["exp"] = .double(Double(now) + 0.5) },
        ClaimCase("a missing exp is missingClaim", .missingClaim) { $0["exp"] = nil },
        ClaimCase("a textual exp is malformed", .malformed) { $0["exp"] = .string(String(now + 300)) },
        ClaimCase("a negative exp is malformed", .malformed) { $0["exp"] = -1 },
        ClaimCase("nbf ahead by more than the skew is notYetValid", .notYetValid) { $0["nbf"] = .integer(now + 61) },
        ClaimCase("nbf ahead by less than the skew passes", nil) { $0["nbf"] = .integer(now + 59) },
        ClaimCase("a missing nbf passes", nil) { $0["nbf"] = nil },
        ClaimCase("iat ahead by more than the skew is issuedInFuture", .issuedInFuture) {
            $0["iat"] = .integer(now + 61)
        },
        ClaimCase("iat ahead by less than the skew passes", nil) { $0["iat"] = .integer(now + 59) },
        ClaimCase("a missing iat is missingClaim", .missingClaim) { $0["iat"] = nil },
        ClaimCase("another nonce is wrongNonce", .wrongNonce) { $0["nonce"] = "replayed" },
        ClaimCase("a nonce differing by case is wrongNonce", .wrongNonce) {
            $0["nonce"] = .string(TestToken.nonce.uppercased())
        },
        ClaimCase("a missing nonce is wrongNonce", .wrongNonce) { $0["nonce"] = nil },
        ClaimCase("a numeric nonce is malformed", .malformed) { $0["nonce"] = 1 },
    ]

    @Test("validates each claim", arguments: cases)
    func claim(_ testCase: ClaimCase) throws {
        var claims = TestToken.claims()
        testCase.change(&claims)
        let token = TestToken.make(.rsa, kid: "k", claims: claims)
        let verifier = JWTVerifier(issuer: TestToken.issuer, clientID: TestToken.clientID)
        do {
            _ = try verifier.verify(
                token, keys: TestToken.keySet([(.rsa, "k")]), nonce: .required(TestToken.nonce), now: TestToken.now)
            #expect(testCase.expected == nil, "accepted, expected \(testCase.expected?.rawValue ?? "")")
        } catch let error as OIDCError {
            #expect(error.code == testCase.expected, "\(error.detail ?? "")")
        }
    }

    @Test(
        "applies the nonce expectation",
        arguments: [
            (NonceCheck.ifPresent(TestToken.nonce), Optional<String>.none, Optional<OIDCError.Code>.none),
            (.ifPresent(TestToken.nonce), TestToken.nonce, nil), (.ifPresent(TestToken.nonce), "other", .wrongNonce),
            (.notChecked, "other", nil), (.notChecked, nil, nil), (.required(TestToken.nonce), nil, .wrongNonce),
        ])
    func nonceModes(check: NonceCheck, tokenNonce: String?, expected: OIDCError.Code?) {
        var claims = TestToken.claims()
        claims["nonce"] = tokenNonce.map(JSONValue.string)
        let token = TestToken.make(.ec, kid: nil, claims: claims)
        let verifier = JWTVerifier(issuer: TestToken.issuer, clientID: TestToken.clientID)
        let result = Result {
            try verifier.verify(token, keys: TestToken.keySet([(.ec, nil)]), nonce: check, now: TestToken.now)
        }
        #expect((result.failureCode) == expected)
    }

    @Test(
        "uses the configured clock skew",
        arguments: [(0, -1, OIDCError.Code.expired), (0, 1, nil), (120, -100, nil), (120, -121, .expired)])
    func skew(seconds: Int, expiryOffset: Int64, expected: OIDCError.Code?) {
        var claims = TestToken.claims()
        claims["exp"] = .integer(Self.now + expiryOffset)
        claims["iat"] = .integer(Self.now - 200)
        claims["nbf"] = nil
        let verifier = JWTVerifier(
            issuer: TestToken.issuer, clientID: TestToken.clientID, clockSkew: .seconds(seconds))
        let result = Result {
            try verifier.verify(
                TestToken.make(.rsa, kid: nil, claims: claims), keys: TestToken.keySet([(.rsa, nil)]),
                nonce: .required(TestToken.nonce), now: TestToken.now)
        }
        #expect(result.failureCode == expected)
    }

    @Test("exposes the verified claims")
    func verifiedFields() throws {
        var claims = TestToken.claims()
        claims["groups"] = ["engineering", "admins"]
        let verifier = JWTVerifier(issuer: TestToken.issuer, clientID: TestToken.clientID)
        let token = try verifier.verify(
            TestToken.make(.ec, kid: "e1", claims: claims), keys: TestToken.keySet([(.ec, "e1")]),
            nonce: .required(TestToken.nonce), now: TestToken.now)
        #expect(token.issuer == TestToken.issuer)
        #expect(token.audiences == [TestToken.clientID])
        #expect(token.expiresAt == TestToken.now.addingTimeInterval(300))
        #expect(token.issuedAt == TestToken.now.addingTimeInterval(-10))
        #expect(token.notBefore == TestToken.now.addingTimeInterval(-10))
        #expect(token.nonce == TestToken.nonce)
        #expect(token[claim: "groups"] == ["engineering", "admins"])
    }
}
