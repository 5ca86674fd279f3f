import Glibc

/// Why the server could not start or a system call failed.
///
/// `description` names the code, the call and the errno text; it contains no request data.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// An open set of error kinds; new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// A system call returned an error; `call` and `errno` say which and why.
        public static let systemCall = Code("systemCall")
        /// A configuration value is out of range; `call` names the field.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// `host` is not an IPv4 or IPv6 literal.
        public static let invalidAddress = Code("invalidAddress")
        /// `start()` was called on a server that is running or was shut down.
        public static let alreadyStarted = Code("alreadyStarted")

        public var description: String { rawValue }
    }

    public var code: Code

    /// The errno value, or 0 when no system call was involved.
    public var errno: Int32

    /// The failing call's name, or the configuration field for `invalidConfiguration`.
    public var call: String

    public init(code: Code, errno: Int32 = 0, call: String) {
        self.code = code
        self.errno = errno
        self.call = call
    }

    public var description: String {
        guard errno != 0 else { return "HTTPServerError(\(code), \(call))" }
        return "HTTPServerError(\(code), \(call): \(String(cString: strerror(errno))) [errno \(errno)])"
    }
}
