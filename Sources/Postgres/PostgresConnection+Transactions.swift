import CLibPQ

extension PostgresConnection {
    /// One transaction on this connection; `PostgresPool.withTransaction` adds leasing and retries.
    /// `BEGIN` is deferred: it reaches the server together with the body's first statement, and a body that runs
    /// none costs no round trip at all. Statements the body deferred and never followed run before `COMMIT`.
    func runTransaction<T>(isolation: PostgresIsolation, _ body: (PostgresConnection) throws -> T) throws -> T {
        deferUntilNextQuery(PostgresQuery(stringLiteral: isolation.beginStatement))
        let value: T
        do {
            value = try body(self)
        } catch {
            discardDeferred()
            rollbackIfOpen()
            throw error
        }
        if !deferred.isEmpty {
            // Only the deferred BEGIN: the body sent nothing, so there is nothing to commit.
            if deferred.count == 1, transactionStatus == PQTRANS_IDLE {
                discardDeferred()
                return value
            }
            // Statements the body deferred last (an audit row) run before COMMIT, in one round trip.
            do {
                try pipeline([])
            } catch {
                rollbackIfOpen()
                throw error
            }
        }
        switch transactionStatus {
        case PQTRANS_INTRANS:
            try execute(simple: "COMMIT")
            return value
        case PQTRANS_INERROR:
            // COMMIT would answer "ROLLBACK" without an error; report the failure instead.
            rollbackIfOpen()
            throw PostgresError(
                code: .queryFailed, sqlState: .inFailedSQLTransaction,
                serverMessage: "a statement failed inside the transaction and its error was not rethrown")
        default:
            rollbackIfOpen()
            throw PostgresError(
                code: .invalidQuery, serverMessage: "the transaction body ended the transaction itself")
        }
    }

    /// Best effort: if the rollback fails the connection is not idle, and the pool closes it.
    func rollbackIfOpen() {
        let status = transactionStatus
        guard status == PQTRANS_INTRANS || status == PQTRANS_INERROR else { return }
        try? execute(simple: "ROLLBACK")
    }
}
