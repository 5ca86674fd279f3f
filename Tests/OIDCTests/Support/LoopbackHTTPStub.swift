import Dispatch
import Foundation
import Glibc
import Synchronization

/// A tiny HTTP/1.1 server on a loopback address for exercising the real client: one canned answer per
/// connection, or none at all (the connection is held open until `stop`).
///
/// `@unchecked Sendable`: the listening descriptor is immutable after `init`, and every mutable value sits in
/// a `Mutex`.
final class LoopbackHTTPStub: @unchecked Sendable {
    typealias Handler = @Sendable (_ head: String, _ body: [UInt8]) -> [UInt8]?

    let host: String
    let port: UInt16
    private let listener: Int32
    private let handler: Handler
    private let state = Mutex<(connections: Int, bodies: [[UInt8]], held: [Int32], stopped: Bool)>((0, [], [], false))
    private let finished = DispatchSemaphore(value: 0)

    var connectionCount: Int { state.withLock { $0.connections } }
    var receivedBodies: [[UInt8]] { state.withLock { $0.bodies } }
    var baseURL: String { "http://\(host):\(port)" }

    /// Listens on `host`, at `port` when given (to share a port number across loopback addresses), else at one
    /// the kernel picks.
    init(host: String = "127.0.0.1", port: UInt16 = 0, handler: @escaping Handler) throws {
        self.host = host
        self.handler = handler
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StubError(call: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw StubError(call: "bind/listen")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        self.port = UInt16(bigEndian: actual.sin_port)
        // A thread of its own: the accept loop blocks, and must not hold a Dispatch or Swift concurrency worker.
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    func stop() {
        let held = state.withLock { current -> [Int32] in
            current.stopped = true
            return current.held
        }
        for descriptor in held { shutdown(descriptor, Int32(SHUT_RDWR)) }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        finished.wait()
    }

    private func acceptLoop() {
        defer { finished.signal() }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            state.withLock { $0.connections += 1 }
            serve(connection)
        }
    }

    private func serve(_ connection: Int32) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var headEnd: Int?
        var expected = 0
        while true {
            if let end = headEnd, received.count >= end + expected { break }
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
            if headEnd == nil, let range = find([13, 10, 13, 10], in: received) {
                headEnd = range
                let head = String(decoding: received[..<range], as: UTF8.self).lowercased()
                for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    expected = Int(line.dropFirst("content-length:".count).trimmingPrefix(" ")) ?? 0
                }
            }
        }
        let end = headEnd ?? received.count
        let head = String(decoding: received[..<end], as: UTF8.self)
        let body = Array(received[min(end + 4, received.count)...])
        state.withLock { $0.bodies.append(body) }
        if let answer = handler(head, body) {
            answer.withUnsafeBytes { raw in
                var sent = 0
                while sent < raw.count {
                    let written = send(connection, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                    if written <= 0 { break }
                    sent += written
                }
            }
            close(connection)
        } else {
            let stopped = state.withLock { current -> Bool in
                current.held.append(connection)
                return current.stopped
            }
            if stopped { shutdown(connection, Int32(SHUT_RDWR)) }
        }
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            return start
        }
        return nil
    }

    static func response(status: Int, reason: String = "OK", headers: [String: String] = [:], body: String = "")
        -> [UInt8]
    {
        var text = "HTTP/1.1 \(status) \(reason)\r\nConnection: close\r\n"
        var all = headers
        if all["Content-Length"] == nil { all["Content-Length"] = String(body.utf8.count) }
        for (name, value) in all.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return Array((text + "\r\n" + body).utf8)
    }

    struct StubError: Error {
        let call: String
    }
}
