import CLibPQ

/// One libpq connection in text format. Not thread-safe: one thread uses it at a time, which the pool ensures
/// by leasing it to a single caller. Statements are prepared once per SQL text (and bind types) and then run
/// with `PQexecPrepared`, so values always travel as binds.
///
/// Session settings made with plain `SET` stay on the connection and reach whoever leases it next; use
/// `SET LOCAL` or `set_config(…, true)` inside a transaction for per-request settings such as the tenant.
public final class PostgresConnection {
    let handle: PGConnectionHandle
    var statements: PreparedStatementCache
    /// Statements whose results nobody reads (`BEGIN`, the tenant setting), held back to travel in the same round
    /// trip as the next query; see `PostgresConnection+Pipeline.swift`.
    var deferred: [PostgresQuery] = []
    /// Statements that succeeded since the pool last reset the count: when a connection fails before any
    /// succeeded, the pool may run the caller's work again on a fresh connection.
    var successfulStatements = 0

    /// Opens a connection and applies the session settings every query relies on: UTC time zone, ISO dates,
    /// UTF-8, hex `bytea`, and the optional statement timeout.
    public init(configuration: PostgresConfiguration) throws {
        let defaults = ["connect_timeout": String(max(1, configuration.connectTimeoutSeconds))]
        guard let handle = PGConnectionHandle(connectionString: configuration.connectionString, defaults: defaults)
        else {
            throw PostgresError(code: .connectionFailed, serverMessage: "libpq could not allocate a connection")
        }
        guard handle.isConnected else {
            throw PostgresError(code: .connectionFailed, serverMessage: handle.errorMessage)
        }
        self.handle = handle
        statements = PreparedStatementCache(capacity: configuration.preparedStatementCacheSize)
        // libpq prints NOTICE and WARNING messages to stderr by default; a library must not.
        PQsetNoticeProcessor(handle.pointer, { _, _ in }, nil)

        var setup =
            "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET client_encoding = 'UTF8'; "
            + "SET bytea_output = 'hex'"
        if configuration.usesGenericPlans {
            setup += "; SET plan_cache_mode = force_generic_plan"
        }
        if let timeout = configuration.statementTimeoutMilliseconds {
            setup += "; SET statement_timeout = \(max(0, timeout))"
        }
        do {
            try execute(simple: setup)
        } catch let error as PostgresError {
            throw PostgresError(code: .connectionFailed, sqlState: error.sqlState, serverMessage: error.serverMessage)
        }
        successfulStatements = 0
    }

    /// Runs `query` as a prepared statement and returns all its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) throws -> PostgresResult {
        guard deferred.isEmpty else { return try pipeline([query])[0] }
        try Self.validate(query)
        let key = PreparedStatementCache.Key(query)
        var isRetry = false
        while true {
            let name = try preparedStatement(for: key)
            let result = try executePrepared(name, binds: query.binds)
            if result.succeeded {
                successfulStatements += 1
                return result.makeResult()
            }
            let error = makeError(result)
            guard error.sqlState == .invalidSQLStatementName || error.sqlState == .featureNotSupported else {
                throw error
            }
            // The server lost the statement (`DISCARD ALL`, `DEALLOCATE`) or a schema change altered its result
            // type ("cached plan must not change result type"): prepare it again. Inside a transaction the
            // error has already aborted it, so only an idle connection retries.
            statements.remove(key)
            guard !isRetry, PQtransactionStatus(handle.pointer) == PQTRANS_IDLE else { throw error }
            isRetry = true
        }
    }

    /// Runs SQL without binds through `PQexec`; it may hold several statements (migrations). Never pass SQL
    /// built from values.
    public func execute(simple sql: String) throws {
        if !deferred.isEmpty { try pipeline([]) }
        let result = try own(sql.withCString { PQexec(handle.pointer, $0) })
        guard result.succeeded else { throw makeError(result) }
        successfulStatements += 1
    }

    /// Connected, and not inside a transaction or a `COPY`: safe to hand to another caller.
    public var isHealthy: Bool {
        handle.isConnected && PQtransactionStatus(handle.pointer) == PQTRANS_IDLE
            && PQpipelineStatus(handle.pointer) == PQ_PIPELINE_OFF && deferred.isEmpty
    }

    /// False once libpq has seen the connection break.
    var isConnected: Bool {
        handle.isConnected
    }

    var transactionStatus: PGTransactionStatusType {
        PQtransactionStatus(handle.pointer)
    }

    static func validate(_ query: PostgresQuery) throws {
        if let problem = query.problem {
            throw PostgresError(code: .invalidQuery, serverMessage: problem)
        }
        guard query.binds.count <= Int(UInt16.max) else {
            throw PostgresError(code: .invalidQuery, serverMessage: "more than 65535 binds")
        }
    }

    func preparedStatement(for key: PreparedStatementCache.Key) throws -> String {
        if let name = statements.name(for: key) { return name }
        if let evicted = statements.evictIfFull() {
            // A failure here leaves an unused statement on the server; its name is never reused.
            _ = try? own("DEALLOCATE \(evicted)".withCString { PQexec(handle.pointer, $0) })
        }
        let name = statements.makeName()
        let types = key.types
        let result = try own(
            name.withCString { namePointer in
                key.sql.withCString { sqlPointer in
                    types.withUnsafeBufferPointer { typePointers in
                        PQprepare(handle.pointer, namePointer, sqlPointer, Int32(types.count), typePointers.baseAddress)
                    }
                }
            })
        guard result.succeeded else { throw makeError(result) }
        statements.insert(key, name: name)
        return name
    }

    /// Sends the binds as text; `CStringArray` keeps every value alive for the whole `PQexecPrepared` call.
    private func executePrepared(_ name: String, binds: [PostgresBind]) throws -> PGResultHandle {
        let values = try Self.bindValues(binds)
        let raw = CStringArray.withPointers(values) { valuePointers in
            name.withCString { namePointer in
                PQexecPrepared(handle.pointer, namePointer, Int32(binds.count), valuePointers, nil, nil, 0)
            }
        }
        return try own(raw)
    }

    /// The binds as text. PostgreSQL text cannot hold NUL, and a C string would silently end there; refuse as the
    /// server refuses such input.
    static func bindValues(_ binds: [PostgresBind]) throws -> [String?] {
        let values = binds.map(\.text)
        if let position = values.firstIndex(where: { $0?.utf8.contains(0) == true }) {
            throw PostgresError(
                code: .queryFailed, sqlState: .characterNotInRepertoire,
                serverMessage: "bind $\(position + 1) contains a NUL character")
        }
        return values
    }

    /// Takes ownership of a result; a nil result means libpq failed before the server answered.
    func own(_ raw: OpaquePointer?) throws -> PGResultHandle {
        guard let raw else {
            let code: PostgresError.Code = handle.isConnected ? .queryFailed : .connectionLost
            throw PostgresError(code: code, serverMessage: handle.errorMessage)
        }
        return PGResultHandle(raw)
    }

    func makeError(_ result: PGResultHandle) -> PostgresError {
        let sqlState = result.errorField(clibpq_diag_sqlstate).map(SQLState.init(rawValue:))
        let lost = !handle.isConnected || sqlState?.isConnectionClass == true
        return PostgresError(
            code: lost ? .connectionLost : .queryFailed, sqlState: sqlState,
            serverMessage: result.errorMessage ?? handle.errorMessage,
            constraint: result.errorField(clibpq_diag_constraint_name))
    }
}
