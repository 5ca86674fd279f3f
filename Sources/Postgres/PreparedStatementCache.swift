/// Names of the statements one connection has prepared, keyed by SQL text and bind types, evicting the least
/// recently used beyond `capacity`. Pure bookkeeping: the connection prepares and deallocates.
struct PreparedStatementCache {
    struct Key: Hashable {
        let sql: String
        let types: [UInt32]

        init(sql: String, types: [UInt32]) {
            self.sql = sql
            self.types = types
        }

        init(_ query: PostgresQuery) {
            self.init(sql: query.sql, types: query.binds.map(\.type.rawValue))
        }
    }

    private var entries: [Key: (name: String, lastUse: Int)] = [:]
    private var clock = 0
    private var nextNumber = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int {
        entries.count
    }

    /// The statement's name, marking it as used.
    mutating func name(for key: Key) -> String? {
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries[key] = (entry.name, clock)
        return entry.name
    }

    /// A name never used on this connection.
    mutating func makeName() -> String {
        nextNumber += 1
        return "scimgw_\(nextNumber)"
    }

    /// Makes room for one more entry; returns the name of the statement to deallocate, if any.
    mutating func evictIfFull() -> String? {
        guard entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) else {
            return nil
        }
        entries[oldest.key] = nil
        return oldest.value.name
    }

    mutating func insert(_ key: Key, name: String) {
        clock += 1
        entries[key] = (name, clock)
    }

    mutating func remove(_ key: Key) {
        entries[key] = nil
    }
}
