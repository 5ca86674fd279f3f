import OIDC
import SCIM
import Testing

@Suite("JWK Set parsing")
struct JWKSetTests {
    @Test("keeps RSA and P-256 keys, with and without kid")
    func supported() throws {
        let document: JSONValue = [
            "keys": [
                TestSigningKey.rsa.publicJWK(kid: "r1", extra: ["use": "sig", "alg": "RS256"]),
                TestSigningKey.ec.publicJWK(kid: nil),
                TestSigningKey.otherRSA.publicJWK(kid: nil, extra: ["key_ops": ["verify"]]),
            ]
        ]
        let set = try JWKSet.parse(document.serialized())
        #expect(set.keys.count == 3)
        #expect(set.ignoredKeyCount == 0)
        #expect(set.keys.map(\.keyID) == ["r1", nil, nil])
        #expect(set.keys[0].algorithm == "RS256")
        #expect(set.keys(withID: "r1").count == 1)
        guard case .ecP256(let x, let y) = set.keys[1].material else {
            Issue.record("the EC key was not read as P-256")
            return
        }
        #expect(x.count == 32 && y.count == 32)
    }

    static let unsupported: [(String, JSONValue)] = [
        ("a symmetric key", ["kty": "oct", "k": "c2VjcmV0", "kid": "h"]),
        ("an Ed25519 key", ["kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"]),
        ("a P-384 key", ["kty": "EC", "crv": "P-384", "x": "AAAA", "y": "AAAA"]),
        ("an encryption key", TestSigningKey.rsa.publicJWK(kid: "enc", extra: ["use": "enc"])),
        ("a key not for verifying", TestSigningKey.rsa.publicJWK(kid: "s", extra: ["key_ops": ["sign"]])),
        (
            "a 1024-bit RSA key",
            ["kty": "RSA", "n": .string(Base64URL.encode([0xC1] + [UInt8](repeating: 7, count: 127))), "e": "AQAB"]
        ),
        (
            "an RSA key with an even exponent",
            ["kty": "RSA", "n": TestSigningKey.rsa.publicJWK(kid: nil)["n"]!, "e": "Ag"]
        ),
        ("an RSA key without n", ["kty": "RSA", "e": "AQAB"]),
        (
            "a P-256 key with a short x",
            [
                "kty": "EC", "crv": "P-256", "x": .string(Base64URL.encode([UInt8](repeating: 1, count: 31))),
                "y": .string(Base64URL.encode([UInt8](repeating: 1, count: 32))),
            ]
        ),
        ("a key without kty", ["kid": "x"]),
        ("a key that is not an object", "text"),
    ]

    @Test("skips unsupported or broken keys and counts them", arguments: unsupported)
    func skipped(name: String, key: JSONValue) throws {
        let document: JSONValue = ["keys": [key, TestSigningKey.rsa.publicJWK(kid: "good")]]
        let set = try JWKSet.parse(document.serialized())
        #expect(set.keys.map(\.keyID) == ["good"], "\(name)")
        #expect(set.ignoredKeyCount == 1)
    }

    @Test("drops a leading zero byte in the RSA modulus")
    func leadingZero() throws {
        var jwk = TestSigningKey.rsa.publicJWK(kid: "z")
        let encodedModulus = try #require(jwk["n"]?.stringValue)
        let modulus = try #require(Base64URL.decode(encodedModulus))
        guard case .object(var members) = jwk else { return }
        members["n"] = .string(Base64URL.encode([0] + modulus))
        jwk = .object(members)
        let set = try JWKSet.parse(JSONValue.object(["keys": [jwk]]).serialized())
        guard case .rsa(let parsed, _) = try #require(set.keys.first).material else {
            Issue.record("not read as RSA")
            return
        }
        #expect(parsed == modulus)
        let verifier = JWTVerifier(issuer: TestToken.issuer, clientID: TestToken.clientID)
        _ = try verifier.verify(
            TestToken.make(.rsa, kid: "z"), keys: set, nonce: .required(TestToken.nonce), now: TestToken.now)
    }

    @Test(
        "refuses documents that are not a JSON object with a keys array",
        arguments: ["", "[]", "{}", "{\"keys\":{}}", "nope"])
    func malformed(text: String) {
        let error = #expect(throws: OIDCError.self) { try JWKSet.parse(Array(text.utf8)) }
        #expect(error?.code == .malformed)
    }
}
