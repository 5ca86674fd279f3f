extension IPAddress {
    /// Ranges that never hold a public identity provider: private, shared, loopback, link-local, unique-local,
    /// multicast, unspecified, documentation, benchmarking and reserved space (RFC 6890 registries), plus
    /// IPv6 forms that embed or tunnel an IPv4 address.
    static let nonPublicRanges: [CIDRBlock] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
        "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
        "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    ].map { try! CIDRBlock(parsing: $0) }

    /// True for a globally routable unicast address: the only kind reached without an operator's allowlist.
    /// An IPv4-mapped IPv6 address is judged as its IPv4 address.
    public var isPublicUnicast: Bool {
        if let mapped = mappedIPv4 { return mapped.isPublicUnicast }
        return !Self.nonPublicRanges.contains { $0.contains(self) }
    }
}
