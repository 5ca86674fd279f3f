import Glibc

@testable import HTTPServer

/// A non-blocking TCP connect whose progress a test can watch: whether the kernel completed the handshake, refused
/// it, or has not answered the SYN yet.
final class ConnectAttempt {
    enum Outcome: Equatable {
        case connected
        case refused
        /// No answer to the SYN yet (a dropped SYN is retransmitted only after about a second).
        case pending
        case failed(errno: Int32)
    }

    let descriptor: Int32
    private var immediateError: Int32 = 0

    init(port: Int, host: String = "127.0.0.1") throws {
        let address = try SocketAddress(host: host, port: port)
        descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { throw ClientError(description: "socket failed: errno \(errno)") }
        let result = address.withSockaddr { pointer, length in connect(descriptor, pointer, length) }
        if result != 0, errno != EINPROGRESS { immediateError = errno }
    }

    deinit {
        Glibc.close(descriptor)
    }

    /// Waits up to `seconds` for the handshake to end either way.
    func outcome(within seconds: Double) -> Outcome {
        if immediateError != 0 { return Self.outcome(errno: immediateError) }
        var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        guard poll(&request, 1, Int32(seconds * 1000)) > 0 else { return .pending }
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else { return .failed(errno: errno) }
        return Self.outcome(errno: code)
    }

    private static func outcome(errno code: Int32) -> Outcome {
        switch code {
        case 0: .connected
        case ECONNREFUSED: .refused
        default: .failed(errno: code)
        }
    }
}
