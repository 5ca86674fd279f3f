import Crypto

/// A freshly issued provisioning token: the text is shown once, only the hash is stored.
///
/// 256 random bits in base62 behind the `scimgw_` prefix, so secret scanners can recognise a leaked token.
public struct ProvisioningTokenSecret: Sendable {
    public static let prefix = "scimgw_"

    /// The token text handed to the administrator. Never store or log it.
    public let text: String

    public var hash: [UInt8] { Self.hash(of: text) }

    /// Enough of the token to tell tokens apart in an audit trail, never enough to use one.
    public var displayPrefix: String { String(text.prefix(Self.prefix.count + 4)) }

    public init(text: String) {
        self.text = text
    }

    public static func generate() throws -> ProvisioningTokenSecret {
        let random = Encoding.base62(try SecureRandom.bytes(count: 32))
        // 43 base62 digits hold 256 bits; padding keeps every token the same length.
        let padded = String(repeating: "0", count: max(0, 43 - random.count)) + random
        return ProvisioningTokenSecret(text: prefix + padded)
    }

    /// SHA-256 of the presented token; lookups compare hashes only. A high-entropy token needs no slow hash.
    public static func hash(of text: String) -> [UInt8] {
        Digest.sha256(text)
    }
}
