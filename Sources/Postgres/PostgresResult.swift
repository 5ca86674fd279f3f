/// The rows of a statement and the count of rows it touched (from the command tag: `INSERT 0 3` is 3;
/// statements without a count give 0).
public struct PostgresResult: Sendable {
    public let rows: [PostgresRow]
    public let affectedRows: Int

    public init(rows: [PostgresRow], affectedRows: Int) {
        self.rows = rows
        self.affectedRows = affectedRows
    }
}
