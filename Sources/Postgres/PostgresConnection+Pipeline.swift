import CLibPQ

/// Several statements in one round trip, with libpq's pipeline mode (PostgreSQL manual §34.5).
///
/// Every request pays a round trip per statement, and on a busy machine each costs two context switches, which is
/// most of a simple request's time. Statements that do not depend on each other's results travel together:
/// `BEGIN` and the tenant setting ride with the transaction's first query (`deferUntilNextQuery`), and a read that
/// needs a row and its groups sends both at once (`pipeline`).
extension PostgresConnection {
    /// Holds `query` back until the next `query`, `pipeline` or `execute(simple:)`, and sends it in the same round
    /// trip, first. Its result is checked but not returned. `discardDeferred()` drops what was never sent.
    public func deferUntilNextQuery(_ query: PostgresQuery) {
        deferred.append(query)
    }

    /// Drops the deferred statements, when nothing followed them.
    public func discardDeferred() {
        deferred.removeAll()
    }

    /// Runs the deferred statements and then `queries`, in one round trip, and returns the results of `queries` in
    /// order. The first failure is thrown; statements after it did not run. Outside a transaction the statements
    /// form one implicit transaction, so `set_config(…, true)` holds for all of them and a failure undoes them all.
    ///
    /// Meant for statements with small results: they are all written before any result is read (libpq buffers
    /// what the server answers meanwhile). Only `pipelinedTransaction` ends a transaction inside a pipeline.
    @discardableResult
    public func pipeline(_ queries: [PostgresQuery]) throws -> [PostgresResult] {
        let statements = deferred + queries
        deferred.removeAll()
        for statement in statements { try Self.validate(statement) }
        var isRetry = false
        while true {
            let outcome = try runPipeline(statements)
            switch outcome {
            case .success(let results):
                return Array(results.dropFirst(statements.count - queries.count))
            case .failure(let error, let lostStatement):
                // As in `query`: the server lost a prepared statement. Only a pipeline that left the connection idle
                // (one implicit transaction, rolled back as a whole) is run again.
                guard let lostStatement, !isRetry, transactionStatus == PQTRANS_IDLE else { throw error }
                self.statements.remove(lostStatement)
                isRetry = true
            }
        }
    }

    /// Runs the deferred statements and `queries` as one transaction at `isolation`, `BEGIN` and `COMMIT` included,
    /// in one round trip, and returns the results of `queries`. For reads that must share a snapshot (a page and
    /// its total under `.repeatableRead`). On a failure the transaction is rolled back and the error thrown.
    @discardableResult
    public func pipelinedTransaction(
        isolation: PostgresIsolation, _ queries: [PostgresQuery]
    ) throws -> [PostgresResult] {
        let begin = PostgresQuery(stringLiteral: isolation.beginStatement)
        let statements = deferred + queries
        deferred.removeAll()
        do {
            let results = try pipeline([begin] + statements + ["COMMIT"])
            return Array(results[(1 + statements.count - queries.count)..<(results.count - 1)])
        } catch {
            rollbackIfOpen()
            throw error
        }
    }

    private enum PipelineOutcome {
        case success([PostgresResult])
        /// The first error, and the key of a prepared statement the server no longer knows, if that was the error.
        case failure(PostgresError, PreparedStatementCache.Key?)
    }

    private func runPipeline(_ statements: [PostgresQuery]) throws -> PipelineOutcome {
        let keys = statements.map(PreparedStatementCache.Key.init)
        // Preparing is its own round trip, once per statement per connection.
        let names = try keys.map { try preparedStatement(for: $0) }
        let values = try statements.map { try Self.bindValues($0.binds) }

        guard PQenterPipelineMode(handle.pointer) == 1 else { throw pipelineError("could not enter pipeline mode") }
        for index in statements.indices {
            let sent = CStringArray.withPointers(values[index]) { valuePointers in
                names[index].withCString { namePointer in
                    PQsendQueryPrepared(
                        handle.pointer, namePointer, Int32(values[index].count), valuePointers, nil, nil, 0)
                }
            }
            // A connection left in pipeline mode with statements queued is not idle, so the pool closes it.
            guard sent == 1 else { throw pipelineError("could not send a statement") }
        }
        guard PQpipelineSync(handle.pointer) == 1 else { throw pipelineError("could not send the sync") }

        var results: [PostgresResult] = []
        var firstError: (PostgresError, PreparedStatementCache.Key?)?
        for index in statements.indices {
            guard let raw = PQgetResult(handle.pointer) else { throw pipelineError("a statement's result is missing") }
            let result = PGResultHandle(raw)
            // Each statement's results end with a null result.
            while let extra = PQgetResult(handle.pointer) { PQclear(extra) }
            if result.succeeded {
                successfulStatements += 1
                results.append(result.makeResult())
            } else if result.status != PGRES_PIPELINE_ABORTED, firstError == nil {
                let error = makeError(result)
                let lost = error.sqlState == .invalidSQLStatementName || error.sqlState == .featureNotSupported
                firstError = (error, lost ? keys[index] : nil)
            }
        }
        guard let sync = PQgetResult(handle.pointer) else { throw pipelineError("the sync result is missing") }
        let syncStatus = PQresultStatus(sync)
        PQclear(sync)
        guard syncStatus == PGRES_PIPELINE_SYNC, PQexitPipelineMode(handle.pointer) == 1 else {
            throw pipelineError("the pipeline did not end at its sync")
        }
        if let (error, lost) = firstError { return .failure(error, lost) }
        return .success(results)
    }

    private func pipelineError(_ what: String) -> PostgresError {
        PostgresError(
            code: handle.isConnected ? .queryFailed : .connectionLost,
            serverMessage: "\(what): \(handle.errorMessage)")
    }
}
