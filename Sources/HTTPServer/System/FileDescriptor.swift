import Glibc

/// The sole owner of one file descriptor, closed when the last reference goes away.
///
/// A connection's descriptor is shared by reference between the event loop and the worker writing
/// its response, so its number cannot be reused by another `open` while either still uses it.
final class FileDescriptor: Sendable {
    let rawValue: Int32

    init(_ rawValue: Int32) {
        self.rawValue = rawValue
    }

    deinit {
        // Not retried on EINTR: Linux releases the descriptor even then, and a retry could close
        // a number another thread has just been given.
        _ = Glibc.close(rawValue)
    }
}
