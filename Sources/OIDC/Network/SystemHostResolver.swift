import Foundation
import Glibc

/// Resolves through the C library's `getaddrinfo`, as the HTTP client's own connection will.
///
/// `getaddrinfo` blocks for as long as DNS takes, so each lookup runs on a thread of its own: not on a Swift
/// concurrency thread, and not on Dispatch's global pool, which was measured here to wait about a second
/// before adding a worker when its threads were blocked elsewhere in the process.
public struct SystemHostResolver: HostResolver {
    public init() {}

    public func addresses(for host: String) async throws -> [IPAddress] {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try Self.resolve(host) })
            }
        }
    }

    private static func resolve(_ host: String) throws -> [IPAddress] {
        var hints = addrinfo()
        // Every socket type: an address then comes once per type and is kept once. (Naming SOCK_STREAM here fails in
        // release builds: libcurl's headers, imported by this module, claim the sys/socket.h declarations.)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            let reason = String(cString: gai_strerror(status))
            throw OIDCError(.resolutionFailed, detail: "getaddrinfo for \(host) failed: \(reason)")
        }
        defer { freeaddrinfo(first) }

        var found: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = Self.address(of: entry.pointee), !found.contains(address) { found.append(address) }
            cursor = entry.pointee.ai_next
        }
        return found
    }

    private static func address(of entry: addrinfo) -> IPAddress? {
        guard let socketAddress = entry.ai_addr else { return nil }
        switch entry.ai_family {
        case AF_INET:
            return socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                var raw = pointer.pointee.sin_addr
                return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
            }
        case AF_INET6:
            return socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                var raw = pointer.pointee.sin6_addr
                return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
            }
        default:
            return nil
        }
    }
}
