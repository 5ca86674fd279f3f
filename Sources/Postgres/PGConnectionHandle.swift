import CLibPQ

/// Sole owner of one `PGconn`; `PQfinish` runs exactly once, in `deinit`, on every path including a failed
/// connect. Used by one thread at a time, like the `PostgresConnection` that holds it.
final class PGConnectionHandle {
    let pointer: OpaquePointer

    /// Connects with a blocking `PQconnectdb`. Returns nil only when libpq cannot allocate the handle.
    init?(connectionString: String) {
        guard let pointer = connectionString.withCString({ PQconnectdb($0) }) else { return nil }
        self.pointer = pointer
    }

    deinit {
        PQfinish(pointer)
    }

    var isConnected: Bool {
        PQstatus(pointer) == CONNECTION_OK
    }

    /// libpq's last error text for this connection, for logs.
    var errorMessage: String {
        guard let message = PQerrorMessage(pointer) else { return "" }
        return String(cString: message).trimmingTrailingNewlines
    }
}
