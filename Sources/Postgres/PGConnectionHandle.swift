import CLibPQ

/// Sole owner of one `PGconn`; `PQfinish` runs exactly once, in `deinit`, on every path including a failed
/// connect. Used by one thread at a time, like the `PostgresConnection` that holds it.
final class PGConnectionHandle {
    let pointer: OpaquePointer

    /// Connects with a blocking `PQconnectdbParams`. `defaults` are libpq keywords applied unless the connection
    /// string sets them itself. Returns nil only when libpq cannot allocate the handle.
    init?(connectionString: String, defaults: [String: String]) {
        let keywords = defaults.keys.sorted()
        let values = keywords.map { defaults[$0] } + [connectionString]
        // With expand_dbname = 1 a conninfo string or URL given as dbname is expanded in place, and its settings
        // override the keywords listed before it.
        let connected = CStringArray.withPointers(keywords + ["dbname"]) { keywordPointers in
            CStringArray.withPointers(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connected else { return nil }
        pointer = connected
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
