import Foundation
import Postgres

/// Fixed-window counters in PostgreSQL, so every replica counts against the same budget.
public struct RequestCounters: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Adds one to `key` in the current window of `seconds` and returns the new count. Now and then the past windows
    /// are cleared, so the table stays small.
    public func increment(_ key: String, windowSeconds seconds: Int) throws -> Int {
        let count = try pool.withConnection { connection in
            try connection.query(
                """
                INSERT INTO request_counters AS c (key, window_start, count)
                VALUES (\(key), to_timestamp(floor(extract(epoch FROM now()) / \(seconds)) * \(seconds)), 1)
                ON CONFLICT (key, window_start) DO UPDATE SET count = c.count + 1
                RETURNING c.count
                """
            ).rows[0].decode("count", as: Int.self)
        }
        if Int.random(in: 0..<1000) == 0 { try prune() }
        return count
    }

    func prune() throws {
        try pool.withConnection { connection in
            try connection.query("DELETE FROM request_counters WHERE window_start < now() - interval '10 minutes'")
        }
    }
}
