import CLibPQ

/// Sole owner of one `PGresult`; `PQclear` runs exactly once, in `deinit`. All reads of the result go through
/// its methods, so the handle is alive for as long as any pointer into the result is used.
final class PGResultHandle {
    private let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        PQclear(pointer)
    }

    var status: ExecStatusType {
        PQresultStatus(pointer)
    }

    /// True for the statuses that mean the statement ran.
    var succeeded: Bool {
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return true
        default: return false
        }
    }

    func errorField(_ code: Int32) -> String? {
        guard let value = PQresultErrorField(pointer, code) else { return nil }
        return String(cString: value)
    }

    var errorMessage: String? {
        guard let message = PQresultErrorMessage(pointer) else { return nil }
        let text = String(cString: message).trimmingTrailingNewlines
        return text.isEmpty ? nil : text
    }

    /// Copies every value out as text, so the returned result outlives this handle.
    func makeResult() -> PostgresResult {
        let rowCount = PQntuples(pointer)
        let columnCount = PQnfields(pointer)
        let columns = PostgresColumns(names: (0..<columnCount).map { String(cString: PQfname(pointer, $0)) })
        var rows: [PostgresRow] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                if PQgetisnull(pointer, row, column) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(pointer, row, column)))
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        let affected = PQcmdTuples(pointer).map { Int(String(cString: $0)) ?? 0 } ?? 0
        return PostgresResult(rows: rows, affectedRows: affected)
    }
}
