/// An IPv4 or IPv6 network in CIDR notation (RFC 4632 §3.1, RFC 4291 §2.3).
public struct CIDRBlock: Hashable, Sendable, CustomStringConvertible {
    /// The network address with every host bit cleared.
    public let network: IPAddress
    public let prefixLength: Int

    /// Parses `address/prefix`, or a bare address meaning a single host. Host bits set in the address are
    /// cleared (`10.1.2.3/8` is `10.0.0.0/8`). Throws `invalidConfiguration` naming the entry.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: " \t")
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let address = IPAddress(String(parts[0])) else {
            throw OIDCError(.invalidConfiguration, detail: "\(trimmed) is not an IP address or CIDR block")
        }
        let width = address.bytes.count * 8
        var length = width
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy(\.isASCIIDigit), let value = Int(digits),
                value <= width
            else {
                throw OIDCError(.invalidConfiguration, detail: "\(trimmed) has a prefix length outside 0...\(width)")
            }
            length = value
        }
        self.prefixLength = length
        self.network = IPAddress(bytes: Self.masked(address.bytes, prefixLength: length))!
    }

    /// True when `address` lies in this network. An IPv4-mapped IPv6 address matches IPv4 blocks as its IPv4
    /// address; otherwise families never match each other.
    public func contains(_ address: IPAddress) -> Bool {
        if address.bytes.count != network.bytes.count, let mapped = address.mappedIPv4 {
            return contains(mapped)
        }
        guard address.bytes.count == network.bytes.count else { return false }
        return Self.masked(address.bytes, prefixLength: prefixLength) == network.bytes
    }

    public var description: String { "\(network)/\(prefixLength)" }

    private static func masked(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        var result = bytes
        for index in result.indices {
            let bitsKept = min(max(prefixLength - index * 8, 0), 8)
            result[index] &= bitsKept == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsKept))
        }
        return result
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set`; Foundation-free so the type stays pure.
    fileprivate func trimmingCharacters(in set: String) -> String {
        let kept = drop(while: { set.contains($0) })
        return String(kept.reversed().drop(while: { set.contains($0) }).reversed())
    }
}
