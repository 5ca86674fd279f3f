import Foundation
import OIDC
import SCIM

/// Builds signed compact JWTs for tests.
enum TestToken {
    static let issuer = "https://idp.example.test"
    static let clientID = "gateway-client"
    static let nonce = "n-0S6_WzA2Mj"
    /// A fixed "now" so claim checks are deterministic: 2026-01-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    /// Claims that pass every check at `now` with nonce `nonce`.
    static func claims(now: Date = now) -> [String: JSONValue] {
        let seconds = Int64(now.timeIntervalSince1970)
        return [
            "iss": .string(issuer), "sub": "person-1", "aud": .string(clientID), "exp": .integer(seconds + 300),
            "iat": .integer(seconds - 10), "nbf": .integer(seconds - 10), "nonce": .string(nonce),
            "email": "ada@example.test",
        ]
    }

    static func header(_ key: TestSigningKey, kid: String?) -> [String: JSONValue] {
        var header: [String: JSONValue] = ["alg": .string(key.algorithm.rawValue), "typ": "JWT"]
        if let kid { header["kid"] = .string(kid) }
        return header
    }

    static func sign(header: [String: JSONValue], claims: [String: JSONValue], with key: TestSigningKey) -> String {
        let input =
            Base64URL.encode(JSONValue.object(header).serialized()) + "."
            + Base64URL.encode(JSONValue.object(claims).serialized())
        return input + "." + Base64URL.encode(key.sign(Array(input.utf8)))
    }

    static func make(
        _ key: TestSigningKey, kid: String?, claims: [String: JSONValue] = claims()
    ) -> String {
        sign(header: header(key, kid: kid), claims: claims, with: key)
    }

    static func keySet(_ entries: [(TestSigningKey, String?)]) -> JWKSet {
        let document = JSONValue.object(["keys": .array(entries.map { $0.0.publicJWK(kid: $0.1) })])
        return try! JWKSet.parse(document.serialized())
    }
}
