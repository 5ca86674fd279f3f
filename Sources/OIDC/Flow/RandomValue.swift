import Crypto

/// Unguessable values for `state` (CSRF binding, RFC 6749 §10.12) and `nonce` (replay binding, OIDC Core
/// §3.1.2.1): 32 random bytes, base64url, 43 characters.
public enum RandomValue {
    public static func state() throws -> String { try make(byteCount: 32) }
    public static func nonce() throws -> String { try make(byteCount: 32) }

    public static func make(byteCount: Int) throws -> String {
        Base64URL.encode(try SecureRandom.bytes(count: byteCount))
    }
}
