import Glibc

/// An IPv4 or IPv6 socket address, built from a numeric host string or read back from the kernel.
struct SocketAddress {
    private var storage: sockaddr_storage
    private var length: socklen_t

    init(storage: sockaddr_storage, length: socklen_t) {
        self.storage = storage
        self.length = length
    }

    /// Accepts IP literals only ("127.0.0.1", "0.0.0.0", "::1", "::"); no name resolution.
    init(host: String, port: Int) throws(HTTPServerError) {
        storage = sockaddr_storage()
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        if inet_pton(AF_INET, host, &ipv4) == 1 {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            address.sin_addr = ipv4
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            Self.copy(address, into: &storage)
        } else if inet_pton(AF_INET6, host, &ipv6) == 1 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            address.sin6_addr = ipv6
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            Self.copy(address, into: &storage)
        } else {
            throw HTTPServerError(code: .invalidAddress, call: "inet_pton")
        }
    }

    var family: Int32 { Int32(storage.ss_family) }

    /// Both sockaddr_in and sockaddr_in6 keep the port in network order right after the family.
    var port: Int {
        withUnsafeBytes(of: storage) { Int(UInt16(bigEndian: $0.loadUnaligned(fromByteOffset: 2, as: UInt16.self))) }
    }

    /// The address as text; IPv4-mapped IPv6 addresses from a dual-stack listener read as IPv4.
    var ipText: String {
        withUnsafeBytes(of: storage) { raw in
            switch Int32(storage.ss_family) {
            case AF_INET:
                let address = raw.loadUnaligned(as: sockaddr_in.self)
                return Self.format(family: AF_INET, address.sin_addr)
            case AF_INET6:
                let address = raw.loadUnaligned(as: sockaddr_in6.self)
                let bytes = withUnsafeBytes(of: address.sin6_addr) { Array($0) }
                if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
                    return bytes[12...].map(String.init).joined(separator: ".")
                }
                return Self.format(family: AF_INET6, address.sin6_addr)
            default:
                return ""
            }
        }
    }

    func withSockaddr<Result, Failure: Error>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        var copy = storage
        return try withUnsafePointer(to: &copy) { pointer throws(Failure) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(Failure) in
                try body(address, length)
            }
        }
    }

    private static func copy<Address>(_ address: Address, into storage: inout sockaddr_storage) {
        withUnsafeMutableBytes(of: &storage) { destination in
            withUnsafeBytes(of: address) { destination.copyMemory(from: $0) }
        }
    }

    private static func format<Address>(family: Int32, _ address: Address) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = withUnsafeBytes(of: address) { source in
            text.withUnsafeMutableBufferPointer { buffer in
                inet_ntop(family, source.baseAddress, buffer.baseAddress, socklen_t(buffer.count))
            }
        }
        guard written != nil else { return "" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
