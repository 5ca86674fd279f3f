import Postgres
import Testing

extension PostgresConnection {
    /// The first column of the only row `query` returns; records an issue when there is not exactly one row.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T {
        let rows = try self.query(query).rows
        try #require(rows.count == 1, "expected one row, got \(rows.count)")
        let column = try #require(rows[0].columnNames.first)
        return try rows[0].decode(column, as: T.self)
    }

    func backendPID() throws -> Int {
        try value("SELECT pg_backend_pid()")
    }
}
