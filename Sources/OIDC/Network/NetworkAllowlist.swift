/// The networks an operator allows outbound OIDC requests to reach although they are not public
/// (`OIDC_ALLOWED_NETWORKS`, issue 8 item 5): an IdP on a private network, or `127.0.0.0/8` in tests.
public struct NetworkAllowlist: Hashable, Sendable {
    public let blocks: [CIDRBlock]

    /// Allows nothing beyond public unicast addresses.
    public static let none = NetworkAllowlist(blocks: [])

    public init(blocks: [CIDRBlock]) {
        self.blocks = blocks
    }

    /// Parses comma-separated CIDR blocks or addresses, IPv4 and IPv6, ignoring blanks around entries and
    /// empty entries (an unset or empty variable allows nothing). Throws `invalidConfiguration` on the first
    /// bad entry.
    public init(parsing list: String) throws {
        var parsed: [CIDRBlock] = []
        for entry in list.split(separator: ",") where !entry.allSatisfy({ $0 == " " || $0 == "\t" }) {
            parsed.append(try CIDRBlock(parsing: String(entry)))
        }
        self.blocks = parsed
    }

    /// True when some listed block contains `address`.
    public func contains(_ address: IPAddress) -> Bool {
        blocks.contains { $0.contains(address) }
    }

    /// True when a request may go to `address`: it is public unicast, or the operator listed its network.
    public func permits(_ address: IPAddress) -> Bool {
        address.isPublicUnicast || contains(address)
    }
}
