import SCIM

/// A provider's published verification keys (RFC 7517 §5), keeping only keys usable for RS256 or ES256.
public struct JWKSet: Sendable, Hashable {
    public let keys: [JWK]
    /// How many entries were skipped as unsupported (other key types, curves, uses or sizes).
    public let ignoredKeyCount: Int

    public init(keys: [JWK], ignoredKeyCount: Int = 0) {
        self.keys = keys
        self.ignoredKeyCount = ignoredKeyCount
    }

    /// Parses a JWK Set document. A document that is not an object with a `keys` array is `malformed`; a
    /// single broken or unsupported entry is skipped so one odd key cannot lock everyone out.
    public static func parse(_ bytes: [UInt8]) throws -> JWKSet {
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes, maxDepth: 16)
        } catch {
            throw OIDCError(.malformed, detail: "the JWK Set is not JSON")
        }
        guard let entries = document["keys"]?.arrayValue else {
            throw OIDCError(.malformed, detail: "the JWK Set has no keys array")
        }
        var keys: [JWK] = []
        var ignored = 0
        for entry in entries {
            if let key = try? JWK.parse(entry) {
                keys.append(key)
            } else {
                ignored += 1
            }
        }
        return JWKSet(keys: keys, ignoredKeyCount: ignored)
    }

    /// Keys carrying exactly this `kid`.
    public func keys(withID keyID: String) -> [JWK] {
        keys.filter { $0.keyID == keyID }
    }
}
