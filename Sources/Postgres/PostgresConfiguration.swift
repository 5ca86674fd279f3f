/// Settings for a `PostgresPool`. Validation of values read from the environment belongs to the caller that
/// reads them; the pool only refuses a pool size below one.
public struct PostgresConfiguration: Sendable {
    /// A libpq conninfo string (`host=… dbname=…`) or a `postgres://` URL, as in `DATABASE_URL`.
    /// It may hold a password: never log it.
    public var connectionString: String

    /// Most connections the pool keeps open at once; they are opened lazily.
    public var poolSize: Int

    /// Seconds a caller waits for a free connection before `PostgresError.Code.poolTimeout`.
    public var acquireTimeout: Double

    /// Sent as `SET statement_timeout` on every new connection when set.
    public var statementTimeoutMilliseconds: Int?

    /// Seconds libpq waits for the server when opening a connection, unless the connection string sets
    /// `connect_timeout` itself; without a limit a blackholed host would block a worker forever.
    public var connectTimeoutSeconds: Int = 10

    /// Prepared statements kept per connection; the least recently used one is deallocated beyond this,
    /// so queries built with a varying shape cannot grow server memory without bound.
    public var preparedStatementCacheSize: Int = 256

    /// Sends `SET plan_cache_mode = force_generic_plan`: a prepared statement is planned once per connection instead
    /// of at every execution. PostgreSQL's default re-plans a statement whose generic plan looks costlier than its
    /// custom plans, and for the gateway's short indexed statements planning was most of the server's work (GET by
    /// id 1,375 → 1,974 req/s, user PATCH 532 → 709, measured on 2 cores). The generic plans of its statements are
    /// the same index scans; the plan tests in StorageTests and the plans in BENCHMARKS.md run with this setting.
    public var usesGenericPlans: Bool = true

    public init(
        connectionString: String, poolSize: Int = 10, acquireTimeout: Double = 5,
        statementTimeoutMilliseconds: Int? = nil
    ) {
        self.connectionString = connectionString
        self.poolSize = poolSize
        self.acquireTimeout = acquireTimeout
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
    }
}
