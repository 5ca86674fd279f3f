import Glibc

extension FileDescriptor {
    /// Reads what is available; 0 means the peer finished sending.
    func receive(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPServerError) -> Int {
        try SystemCall.run("read") { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// One non-blocking send; returns the bytes the kernel took. Never raises SIGPIPE.
    func sendNow(_ bytes: UnsafeRawBufferPointer) throws(HTTPServerError) -> Int {
        try SystemCall.run("send") {
            Glibc.send(rawValue, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
        }
    }

    /// Sends every byte, waiting in `poll` while the peer's window is full, for at most `timeout`
    /// seconds in total. False when the peer is gone or too slow; the connection must then close.
    func sendAll(_ bytes: [UInt8], timeout: Double) -> Bool {
        let deadline = MonotonicClock.now() + timeout
        return bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                do throws(HTTPServerError) {
                    let sent = try sendNow(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
                    offset += sent
                    if sent == 0, !waitUntilWritable(deadline: deadline) { return false }
                } catch {
                    guard error.wouldBlock, waitUntilWritable(deadline: deadline) else { return false }
                }
            }
            return true
        }
    }

    private func waitUntilWritable(deadline: Double) -> Bool {
        let remaining = deadline - MonotonicClock.now()
        guard remaining > 0 else { return false }
        var request = pollfd(fd: rawValue, events: Int16(POLLOUT), revents: 0)
        let milliseconds = Int32(min(remaining * 1000 + 1, Double(Int32.max)))
        let ready = try? SystemCall.run("poll") { poll(&request, 1, milliseconds) }
        return ready != nil
    }

    /// Stops sending (`SHUT_WR`) or both directions (`SHUT_RDWR`). Errors are ignored: they only
    /// mean the peer has already gone.
    func shutdown(_ direction: Int32) {
        _ = try? SystemCall.run("shutdown") { Glibc.shutdown(rawValue, direction) }
    }

    func setOption(level: Int32, name: Int32, value: Int32, callName: StaticString) throws(HTTPServerError) {
        var value = value
        try SystemCall.run(callName) {
            setsockopt(rawValue, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// The port the socket is bound to, for listeners bound to port 0.
    func localPort() throws(HTTPServerError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer throws(HTTPServerError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(HTTPServerError) in
                try SystemCall.run("getsockname") { getsockname(rawValue, address, &length) }
            }
        }
        return SocketAddress(storage: storage, length: length).port
    }

    /// Makes an accepted socket non-blocking and close-on-exec (`accept4` is not in Glibc's Swift
    /// module) and turns off Nagle's algorithm, since every response is written in one piece.
    func prepareAccepted() throws(HTTPServerError) {
        try SystemCall.run("fcntl(F_SETFL)") { fcntl(rawValue, F_SETFL, O_NONBLOCK) }
        try SystemCall.run("fcntl(F_SETFD)") { fcntl(rawValue, F_SETFD, FD_CLOEXEC) }
        try setOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1, callName: "setsockopt(TCP_NODELAY)")
    }

    /// A non-blocking listening socket with SO_REUSEADDR, bound to `host` and `port`.
    static func listening(host: String, port: Int, backlog: Int32) throws(HTTPServerError) -> FileDescriptor {
        let address = try SocketAddress(host: host, port: port)
        let flags = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let listener = FileDescriptor(try SystemCall.run("socket") { socket(address.family, flags, 0) })
        try listener.setOption(level: SOL_SOCKET, name: SO_REUSEADDR, value: 1, callName: "setsockopt(SO_REUSEADDR)")
        _ = try address.withSockaddr { pointer, length throws(HTTPServerError) in
            try SystemCall.run("bind") { bind(listener.rawValue, pointer, length) }
        }
        try SystemCall.run("listen") { listen(listener.rawValue, backlog) }
        return listener
    }
}
