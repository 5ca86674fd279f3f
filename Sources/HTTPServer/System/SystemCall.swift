import Glibc

/// The one path for system calls: retries EINTR and turns any other failure into an
/// `HTTPServerError` that names the call and the errno.
enum SystemCall {
    /// Runs a call that reports failure as -1 with `errno` set.
    @discardableResult
    static func run<Result: FixedWidthInteger>(
        _ name: StaticString, _ call: () -> Result
    ) throws(HTTPServerError) -> Result {
        while true {
            let result = call()
            guard result == -1 else { return result }
            let code = Glibc.errno
            guard code == EINTR else { throw failure(name, code) }
        }
    }

    /// Runs a pthread-style call that returns the error number itself.
    static func runReturningError(_ name: StaticString, _ call: () -> Int32) throws(HTTPServerError) {
        while true {
            let code = call()
            if code == 0 { return }
            guard code == EINTR else { throw failure(name, code) }
        }
    }

    private static func failure(_ name: StaticString, _ code: Int32) -> HTTPServerError {
        HTTPServerError(code: .systemCall, errno: code, call: name.description)
    }
}

extension HTTPServerError {
    /// The call would block on a non-blocking descriptor.
    var wouldBlock: Bool {
        code == .systemCall && (errno == EAGAIN || errno == EWOULDBLOCK)
    }
}
