import OIDC
import Testing

@Suite("CIDR blocks and the network allowlist")
struct NetworkAllowlistTests {
    @Test(
        "parses CIDR notation and clears host bits",
        arguments: [
            ("127.0.0.0/8", "127.0.0.0/8"), ("10.1.2.3/8", "10.0.0.0/8"), ("192.168.1.7", "192.168.1.7/32"),
            ("0.0.0.0/0", "0.0.0.0/0"), (" 172.16.0.0/12 ", "172.16.0.0/12"), ("::1/128", "::1/128"),
            ("fd00:1234::/16", "fd00::/16"), ("2001:db8::1", "2001:db8::1/128"), ("::/0", "::/0"),
            ("fe80::1/10", "fe80::/10"),
        ])
    func parses(text: String, normalised: String) throws {
        #expect(try CIDRBlock(parsing: text).description == normalised)
    }

    @Test(
        "refuses malformed entries",
        arguments: [
            "", "127.0.0.0/", "127.0.0.0/33", "::1/129", "127.0.0.0/-1", "127.0.0.0/8/8", "127.1", "010.0.0.1",
            "256.0.0.1", "localhost", "127.0.0.0/ 8", "::1%lo/128", "[::1]/128", "127.0.0.0/+8", "127.0.0.0/0008",
        ])
    func refuses(text: String) {
        #expect(throws: OIDCError.self) { try CIDRBlock(parsing: text) }
    }

    @Test(
        "matches addresses inside the block and only those",
        arguments: [
            ("127.0.0.0/8", "127.0.0.1", true), ("127.0.0.0/8", "127.255.255.255", true),
            ("127.0.0.0/8", "128.0.0.1", false), ("10.0.0.0/8", "11.0.0.0", false),
            ("172.16.0.0/12", "172.31.255.255", true), ("172.16.0.0/12", "172.32.0.0", false),
            ("192.168.1.128/25", "192.168.1.127", false), ("192.168.1.128/25", "192.168.1.200", true),
            ("0.0.0.0/0", "8.8.8.8", true), ("::1/128", "::1", true), ("::1/128", "::2", false),
            ("fd00::/8", "fd12:3456::1", true), ("fd00::/8", "fe80::1", false),
            ("127.0.0.0/8", "::ffff:127.0.0.1", true), ("127.0.0.0/8", "::1", false),
            ("::/0", "127.0.0.1", false), ("2001:db8::/33", "2001:db8:8000::", false),
        ])
    func matches(block: String, address: String, expected: Bool) throws {
        let cidr = try CIDRBlock(parsing: block)
        let parsed = try #require(IPAddress(address))
        #expect(cidr.contains(parsed) == expected)
    }

    @Test(
        "classifies private, loopback, link-local, unique-local, multicast and unspecified addresses as non-public",
        arguments: [
            ("8.8.8.8", true), ("1.1.1.1", true), ("2606:4700:4700::1111", true), ("10.0.0.1", false),
            ("172.16.5.4", false), ("192.168.0.1", false), ("127.0.0.1", false), ("127.8.9.10", false),
            ("169.254.169.254", false), ("0.0.0.0", false), ("100.64.0.1", false), ("224.0.0.1", false),
            ("255.255.255.255", false), ("198.18.0.1", false), ("::", false), ("::1", false), ("fe80::1", false),
            ("fc00::1", false), ("fd12::1", false), ("ff02::1", false), ("::ffff:10.0.0.1", false),
            ("::ffff:8.8.8.8", true), ("64:ff9b::a00:1", false), ("2001:db8::1", false), ("2002:a00:1::", false),
            ("::127.0.0.1", false),
        ])
    func classification(address: String, isPublic: Bool) throws {
        #expect(try #require(IPAddress(address)).isPublicUnicast == isPublic)
    }

    @Test("reads a comma-separated list of IPv4 and IPv6 blocks, ignoring blanks")
    func list() throws {
        let allowlist = try NetworkAllowlist(parsing: " 127.0.0.0/8, ::1/128 ,,10.20.0.0/16 ")
        #expect(allowlist.blocks.map(\.description) == ["127.0.0.0/8", "::1/128", "10.20.0.0/16"])
        #expect(try NetworkAllowlist(parsing: "").blocks.isEmpty)
        #expect(try NetworkAllowlist(parsing: " , ").blocks.isEmpty)
    }

    @Test("names the bad entry when a list does not parse")
    func badList() {
        let error = #expect(throws: OIDCError.self) { try NetworkAllowlist(parsing: "127.0.0.0/8, 10.0.0.0/40") }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.detail?.contains("10.0.0.0/40") == true)
    }

    @Test(
        "permits public addresses always and non-public ones only when listed",
        arguments: [
            ("", "8.8.8.8", true), ("", "127.0.0.1", false), ("127.0.0.0/8", "127.0.0.1", true),
            ("127.0.0.0/8", "::1", false), ("127.0.0.0/8", "10.0.0.1", false), ("10.0.0.0/8", "10.9.9.9", true),
            ("fd00::/8", "fd00::5", true), ("127.0.0.0/8", "169.254.169.254", false),
        ])
    func permits(list: String, address: String, expected: Bool) throws {
        let allowlist = try NetworkAllowlist(parsing: list)
        #expect(allowlist.permits(try #require(IPAddress(address))) == expected)
    }
}
