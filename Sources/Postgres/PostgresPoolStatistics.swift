/// A snapshot of a pool: `open` connections (including ones being opened) are `inUse` or `idle`; `waiting`
/// counts callers blocked for a connection.
public struct PostgresPoolStatistics: Sendable, Equatable {
    public let open: Int
    public let inUse: Int
    public let idle: Int
    public let waiting: Int

    public init(open: Int, inUse: Int, idle: Int, waiting: Int) {
        self.open = open
        self.inUse = inUse
        self.idle = idle
        self.waiting = waiting
    }
}
