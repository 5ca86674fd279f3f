/// One result row, values in PostgreSQL text format. Columns are found by name; when a result has two columns
/// of one name (a join without aliases), the first wins.
public struct PostgresRow: Sendable {
    let columns: PostgresColumns
    let values: [String?]

    init(columns: PostgresColumns, values: [String?]) {
        self.columns = columns
        self.values = values
    }

    /// The column names in result order.
    public var columnNames: [String] {
        columns.names
    }

    /// The column's value; throws `decodingFailed` for NULL (unless `T` is Optional) or unparsable text,
    /// `missingColumn` when there is no such column.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        let text = try value(column)
        do {
            guard let text else { return try T.decodePostgresNull() }
            return try T.decode(postgresText: text)
        } catch let failure as PostgresDecodingFailure {
            throw PostgresError(code: .decodingFailed, serverMessage: failure.reason, column: column)
        }
    }

    /// The column's value, or nil for NULL.
    public func decodeIfPresent<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T? {
        guard try !isNull(column) else { return nil }
        return try decode(column, as: T.self)
    }

    public func isNull(_ column: String) throws -> Bool {
        try value(column) == nil
    }

    private func value(_ column: String) throws -> String? {
        guard let index = columns.index(of: column) else {
            throw PostgresError(code: .missingColumn, column: column)
        }
        return values[index]
    }
}
