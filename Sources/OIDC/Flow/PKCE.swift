import Crypto

/// Proof Key for Code Exchange (RFC 7636): a secret verifier kept by the gateway and its S256 challenge sent
/// with the authorization request. The challenge method is always S256; `plain` is never offered.
public struct PKCE: Sendable, Equatable {
    /// The only challenge method this client sends (RFC 7636 §4.2).
    public static let method = "S256"
    public static let lengthRange = 43...128

    private static let unreserved = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    public let verifier: String
    public let challenge: String

    /// Wraps an existing verifier, checking its length and alphabet (RFC 7636 §4.1).
    public init(verifier: String) throws {
        let symbols = Array(verifier.utf8)
        guard Self.lengthRange.contains(symbols.count), symbols.allSatisfy(Self.unreserved.contains) else {
            throw OIDCError(.invalidConfiguration, detail: "a PKCE verifier is 43 to 128 unreserved characters")
        }
        self.verifier = verifier
        self.challenge = Self.challenge(for: verifier)
    }

    /// A fresh verifier of `length` characters drawn uniformly from the 64 letters, digits, `-` and `_`
    /// (256 is a multiple of 64, so masking a random byte introduces no bias).
    public static func generate(length: Int = 64) throws -> PKCE {
        guard lengthRange.contains(length) else {
            throw OIDCError(.invalidConfiguration, detail: "a PKCE verifier is 43 to 128 characters long")
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        let random = try SecureRandom.bytes(count: length)
        let symbols = random.map { alphabet[Int($0 & 0x3F)] }
        return try PKCE(verifier: String(decoding: symbols, as: UTF8.self))
    }

    /// BASE64URL(SHA256(ASCII(verifier))) (RFC 7636 §4.2).
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(Digest.sha256(Array(verifier.utf8)))
    }
}
