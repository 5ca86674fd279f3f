import Foundation
import Postgres

/// Fixed-window counters in PostgreSQL, so every replica counts against the same budget.
public struct RequestCounters: Sendable {
    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Adds one to each of `keys` (distinct) in the current window of `seconds`, in one statement. Now and then the
    /// past windows are cleared, so the table stays small.
    public func increment(_ keys: [String], windowSeconds seconds: Int) throws {
        try pool.withConnection { connection in
            try connection.query(
                """
                INSERT INTO request_counters AS c (key, window_start, count)
                SELECT k.key, to_timestamp(floor(extract(epoch FROM now()) / \(seconds)) * \(seconds)), 1
                FROM unnest(\(keys)::text[]) AS k (key)
                ON CONFLICT (key, window_start) DO UPDATE SET count = c.count + 1
                """)
        }
        if Int.random(in: 0..<1000) == 0 { try prune() }
    }

    func prune() throws {
        try pool.withConnection { connection in
            try connection.query("DELETE FROM request_counters WHERE window_start < now() - interval '10 minutes'")
        }
    }
}
