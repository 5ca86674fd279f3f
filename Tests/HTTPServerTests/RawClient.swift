import Glibc

@testable import HTTPServer

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

/// A response as the raw client read it.
struct ClientResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: String
}

/// A blocking test client that speaks HTTP/1.1 by hand, so tests control every byte on the wire.
/// Reads time out after `receiveTimeout` seconds so that a broken server fails a test instead of
/// hanging it.
final class RawClient {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(port: Int, host: String = "127.0.0.1", receiveTimeout: Double = 5) throws {
        let address = try SocketAddress(host: host, port: port)
        descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClientError(description: "socket failed: errno \(errno)") }
        var timeout = timeval(
            tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout.truncatingRemainder(dividingBy: 1)) * 1e6))
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = address.withSockaddr { pointer, length in connect(descriptor, pointer, length) }
        guard result == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw ClientError(description: "connect failed: errno \(code)")
        }
    }

    deinit {
        Glibc.close(descriptor)
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads one response; nil when the server closed the connection before sending anything.
    func readResponse(toHEAD isHEAD: Bool = false) throws -> ClientResponse? {
        var headEnd = try findHeadEnd()
        while headEnd == nil {
            guard try readMore() else {
                guard buffer.isEmpty else { throw ClientError(description: "connection closed mid-response") }
                return nil
            }
            headEnd = try findHeadEnd()
        }
        let headText = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
            throw ClientError(description: "bad status line in \(headText)")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw ClientError(description: "bad header \(line)") }
            headers.add(
                name: String(line[..<colon]), value: String(line[line.index(after: colon)...]).trimmingCharacters())
        }
        let length =
            (isHEAD || status < 200 || status == 204 || status == 304) ? 0 : Int(headers["Content-Length"] ?? "0")!
        while buffer.count < length {
            guard try readMore() else { throw ClientError(description: "connection closed mid-body") }
        }
        let body = String(decoding: buffer[..<length], as: UTF8.self)
        buffer.removeFirst(length)
        return ClientResponse(status: status, headers: headers, body: body)
    }

    /// True when the server ends the connection (FIN or reset) with no further bytes.
    func readsEndOfStream() -> Bool {
        guard buffer.isEmpty else { return false }
        do {
            return try !readMore()
        } catch {
            return false
        }
    }

    /// True only for an orderly end (FIN): a reset, which can destroy a response the client has
    /// not read yet, does not count.
    func readsCleanEndOfStream() -> Bool {
        guard buffer.isEmpty else { return false }
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, 0) == 0
    }

    /// False at end of stream; a reset counts as the end too.
    private func readMore() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
        if count == 0 || errno == ECONNRESET { return false }
        throw ClientError(description: "read failed or timed out: errno \(errno)")
    }

    private func findHeadEnd() throws -> Int? {
        guard buffer.count >= 4 else { return nil }
        return (0...(buffer.count - 4)).first { index in
            buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10
        }
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
