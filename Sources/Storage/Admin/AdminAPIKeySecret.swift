import Crypto

/// A freshly created admin API key: the text is shown once, only its SHA-256 hash is stored.
///
/// 256 random bits in base62 behind the `scimgw_admin_` prefix, so secret scanners can tell a leaked admin key from a
/// provisioning token (whose random part never holds an underscore).
public struct AdminAPIKeySecret: Sendable {
    public static let prefix = "scimgw_admin_"

    /// The key text handed to the operator. Never store or log it.
    public let text: String

    public var hash: [UInt8] { Self.hash(of: text) }

    /// Enough of the key to tell keys apart in a listing, never enough to use one.
    public var displayPrefix: String { String(text.prefix(Self.prefix.count + 4)) }

    public init(text: String) {
        self.text = text
    }

    public static func generate() throws -> AdminAPIKeySecret {
        let random = Encoding.base62(try SecureRandom.bytes(count: 32))
        // 43 base62 digits hold 256 bits; padding keeps every key the same length.
        let padded = String(repeating: "0", count: max(0, 43 - random.count)) + random
        return AdminAPIKeySecret(text: prefix + padded)
    }

    /// SHA-256 of the presented key. A key with 256 random bits needs no slow hash.
    public static func hash(of text: String) -> [UInt8] {
        Digest.sha256(text)
    }
}
