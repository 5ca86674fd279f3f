import Foundation

extension PostgresPool {
    /// Runs `body` between `BEGIN` and `COMMIT` on one leased connection, rolling back on any thrown error.
    /// On a serialization failure or deadlock (SQLSTATE 40001, 40P01) the whole body runs again, up to
    /// `transactionRetryLimit` more times after a short random pause, so `body` must be free of effects
    /// outside the transaction. A body that swallows a failed statement gets `SQLState.inFailedSQLTransaction`
    /// rather than a silent rollback.
    @discardableResult
    public func withTransaction<T>(
        isolation: PostgresIsolation = .readCommitted, _ body: (PostgresConnection) throws -> T
    ) throws -> T {
        var retries = 0
        while true {
            do {
                return try withConnection { connection in
                    try connection.runTransaction(isolation: isolation, body)
                }
            } catch let error as PostgresError
                where error.sqlState?.isTransactionRetryable == true && retries < Self.transactionRetryLimit
            {
                retries += 1
                // Spread competing retries apart so they do not collide again at once.
                Thread.sleep(forTimeInterval: Double.random(in: 0.001...0.005) * Double(retries))
            }
        }
    }
}
