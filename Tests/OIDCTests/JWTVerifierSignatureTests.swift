import Foundation
import SCIM
import Testing

@testable import OIDC

@Suite("JWT signature verification with RS256 and ES256")
struct JWTVerifierSignatureTests {
    let verifier = JWTVerifier(issuer: TestToken.issuer, clientID: TestToken.clientID)

    private func verify(_ token: String, _ keys: JWKSet, verifier: JWTVerifier? = nil) throws -> VerifiedIDToken {
        try (verifier ?? self.verifier).verify(
            token, keys: keys, nonce: .required(TestToken.nonce), now: TestToken.now)
    }

    private func code(_ body: () throws -> Void) -> OIDCError.Code? {
        do {
            try body()
            return nil
        } catch let error as OIDCError {
            return error.code
        } catch {
            return OIDCError.Code(rawValue: "unexpected \(error)")
        }
    }

    @Test("accepts a token signed by the key its kid names", arguments: [TestSigningKey.rsa, TestSigningKey.ec])
    func withKid(key: TestSigningKey) throws {
        let keys = TestToken.keySet([(.otherRSA, "a"), (key, "b"), (.otherEC, "c")])
        let verified = try verify(TestToken.make(key, kid: "b"), keys)
        #expect(verified.keyID == "b")
        #expect(verified.algorithm == key.algorithm)
        #expect(verified.subject == "person-1")
        #expect(verified[claim: "email"] == "ada@example.test")
    }

    @Test(
        "accepts a token without kid by trying every key of its type",
        arguments: [TestSigningKey.rsa, TestSigningKey.ec])
    func withoutKid(key: TestSigningKey) throws {
        let keys = TestToken.keySet([(.otherRSA, nil), (.otherEC, "x"), (key, nil)])
        let verified = try verify(TestToken.make(key, kid: nil), keys)
        #expect(verified.keyID == nil)
    }

    @Test("accepts a token with kid when the published keys have kids and the token has none")
    func tokenWithoutKidKeysWithKid() throws {
        let keys = TestToken.keySet([(.otherRSA, "old"), (.rsa, "new")])
        #expect(try verify(TestToken.make(.rsa, kid: nil), keys).keyID == "new")
    }

    @Test("reports unknownKey when no published key carries the token's kid")
    func unknownKid() {
        let keys = TestToken.keySet([(.rsa, "a"), (.ec, nil)])
        #expect(code { _ = try verify(TestToken.make(.rsa, kid: "rotated"), keys) } == .unknownKey)
    }

    @Test("reports unknownKey when the key named by kid is of another type")
    func kidOfWrongType() {
        let keys = TestToken.keySet([(.ec, "k")])
        #expect(code { _ = try verify(TestToken.make(.rsa, kid: "k"), keys) } == .unknownKey)
    }

    @Test("reports unknownKey when the set has no key for the algorithm")
    func noKeyOfType() {
        let keys = TestToken.keySet([(.ec, nil)])
        #expect(code { _ = try verify(TestToken.make(.rsa, kid: nil), keys) } == .unknownKey)
    }

    @Test("reports badSignature when another key of the same kid signed", arguments: [TestSigningKey.rsa, .ec])
    func otherSigner(key: TestSigningKey) {
        let impostor: TestSigningKey = key.kind == .rsa2048 ? .otherRSA : .otherEC
        let keys = TestToken.keySet([(key, "k")])
        #expect(code { _ = try verify(TestToken.make(impostor, kid: "k"), keys) } == .badSignature)
        let keysWithoutKid = TestToken.keySet([(key, nil)])
        #expect(code { _ = try verify(TestToken.make(impostor, kid: nil), keysWithoutKid) } == .badSignature)
    }

    @Test("reports badSignature when the payload or signature was altered", arguments: [TestSigningKey.rsa, .ec])
    func tampered(key: TestSigningKey) throws {
        let keys = TestToken.keySet([(key, "k")])
        let token = TestToken.make(key, kid: "k")
        let parts = token.split(separator: ".").map(String.init)

        var claims = TestToken.claims()
        claims["sub"] = "admin"
        let forgedPayload = Base64URL.encode(JSONValue.object(claims).serialized())
        #expect(
            code { _ = try verify([parts[0], forgedPayload, parts[2]].joined(separator: "."), keys) } == .badSignature)

        var signature = try #require(Base64URL.decode(parts[2]))
        signature[signature.count / 2] ^= 0x01
        let flipped = [parts[0], parts[1], Base64URL.encode(signature)].joined(separator: ".")
        #expect(code { _ = try verify(flipped, keys) } == .badSignature)

        let truncated = [parts[0], parts[1], Base64URL.encode(Array(signature.dropLast()))].joined(separator: ".")
        #expect(code { _ = try verify(truncated, keys) } == .badSignature)
    }

    @Test(
        "refuses alg none, HMAC and unknown algorithms",
        arguments: ["none", "None", "HS256", "RS512", "PS256", "ES384", "EdDSA"])
    func refusedAlgorithms(alg: String) {
        var header = TestToken.header(.rsa, kid: "k")
        header["alg"] = .string(alg)
        let signed = TestToken.sign(header: header, claims: TestToken.claims(), with: .rsa)
        let keys = TestToken.keySet([(.rsa, "k")])
        #expect(code { _ = try verify(signed, keys) } == .unsupportedAlgorithm)
        let unsigned = signed.split(separator: ".").prefix(2).joined(separator: ".") + "."
        #expect(code { _ = try verify(unsigned, keys) } == .unsupportedAlgorithm)
    }

    @Test("refuses an algorithm the verifier was not configured to allow")
    func notAllowed() {
        let rsaOnly = JWTVerifier(issuer: TestToken.issuer, clientID: TestToken.clientID, allowedAlgorithms: [.rs256])
        let keys = TestToken.keySet([(.ec, "k")])
        #expect(
            code { _ = try verify(TestToken.make(.ec, kid: "k"), keys, verifier: rsaOnly) } == .unsupportedAlgorithm)
    }

    @Test("refuses a JWK whose alg member names another algorithm")
    func jwkAlgMismatch() throws {
        let document: JSONValue = ["keys": [TestSigningKey.rsa.publicJWK(kid: "k", extra: ["alg": "PS256"])]]
        let keys = try JWKSet.parse(document.serialized())
        #expect(code { _ = try verify(TestToken.make(.rsa, kid: "k"), keys) } == .unknownKey)
    }

    @Test(
        "checks the typ and crit header members",
        arguments: [
            ("JWT", nil), ("jwt", nil), ("application/jwt", nil), ("at+jwt", OIDCError.Code.malformed),
            ("logout+jwt", .malformed),
        ])
    func headerMembers(typ: String, expected: OIDCError.Code?) {
        var header = TestToken.header(.rsa, kid: "k")
        header["typ"] = .string(typ)
        let keys = TestToken.keySet([(.rsa, "k")])
        #expect(
            code { _ = try verify(TestToken.sign(header: header, claims: TestToken.claims(), with: .rsa), keys) }
                == expected)

        header["typ"] = "JWT"
        header["crit"] = ["exp"]
        #expect(
            code { _ = try verify(TestToken.sign(header: header, claims: TestToken.claims(), with: .rsa), keys) }
                == .malformed)
    }

    @Test(
        "refuses tokens that are not three base64url parts with a JSON object header",
        arguments: [
            "", "abc", "a.b", "a.b.c.d", "a.b.c.d.e", "!!.e30.sig", "e30.e30.a+b", "bm90IGpzb24.e30.c2ln",
            "WzFd.e30.c2ln", "eyJhbGciOiJSUzI1NiJ9.!!.c2ln",
        ])
    func malformed(token: String) {
        let keys = TestToken.keySet([(.rsa, "k")])
        #expect(code { _ = try verify(token, keys) } == .malformed)
    }

    @Test("refuses a correctly signed payload that is not a JSON object")
    func payloadNotObject() {
        let header = Base64URL.encode(JSONValue.object(TestToken.header(.rsa, kid: "k")).serialized())
        let keys = TestToken.keySet([(.rsa, "k")])
        for payload in ["not json", "[1,2]", "\"text\""] {
            let input = header + "." + Base64URL.encode(payload)
            let token = input + "." + Base64URL.encode(TestSigningKey.rsa.sign(Array(input.utf8)))
            #expect(code { _ = try verify(token, keys) } == .malformed)
        }
    }

    @Test("refuses a token longer than the limit before decoding it")
    func tooLong() {
        let token = String(repeating: "a", count: JWS.maximumLength + 1)
        #expect(code { _ = try verify(token, TestToken.keySet([(.rsa, "k")])) } == .malformed)
    }

    @Test("refuses an ES256 signature sent in DER rather than raw r||s")
    func derSignatureRefused() throws {
        let token = TestToken.make(.ec, kid: "k")
        let parts = token.split(separator: ".").map(String.init)
        let raw = try #require(Base64URL.decode(parts[2]))
        let der = try #require(ECDSASignature.der(fromRaw: raw))
        let derToken = [parts[0], parts[1], Base64URL.encode(der)].joined(separator: ".")
        #expect(code { _ = try verify(derToken, TestToken.keySet([(.ec, "k")])) } == .badSignature)
    }

    @Test("verifies many tokens in parallel without leaking or double-freeing OpenSSL objects")
    func repeatedVerification() async throws {
        let keys = TestToken.keySet([(.rsa, "r"), (.ec, "e")])
        let tokens = [TestToken.make(.rsa, kid: "r"), TestToken.make(.ec, kid: "e"), TestToken.make(.ec, kid: nil)]
        let verifier = verifier
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<300 {
                let token = tokens[index % tokens.count]
                group.addTask {
                    _ = try verifier.verify(token, keys: keys, nonce: .required(TestToken.nonce), now: TestToken.now)
                }
            }
            try await group.waitForAll()
        }
    }
}
