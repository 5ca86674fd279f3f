import Foundation
import Postgres

/// The only way to reach a tenant's data: one transaction with the tenant set for row-level security, so a query
/// that forgot its `tenant_id` condition still sees nothing of another tenant.
public struct TenantDatabase: Sendable {
    public let pool: PostgresPool
    public let tenantID: UUID

    public init(pool: PostgresPool, tenantID: UUID) {
        self.pool = pool
        self.tenantID = tenantID
    }

    /// Runs `body` in one transaction scoped to the tenant; it commits when `body` returns and rolls back when it
    /// throws. The body may run again after a serialization failure, so it must not have other side effects.
    ///
    /// Reads that combine several statements (a page and its total) ask for `.repeatableRead`, so every statement
    /// sees one snapshot.
    public func transaction<T>(
        isolation: PostgresIsolation = .readCommitted, _ body: (TenantTransaction) throws -> T
    ) throws -> T {
        try pool.withTransaction(isolation: isolation) { connection in
            TenantTransaction.enter(tenantID, on: connection)
            return try body(TenantTransaction(connection: connection, tenantID: tenantID))
        }
    }

    /// Runs the statements `queries` builds in one round trip, scoped to the tenant, and returns their results in
    /// order. For reads whose statements do not depend on each other's results (a user and their groups).
    ///
    /// Without `isolation` the statements form one implicit transaction in which each reads the latest committed
    /// data, as under `.readCommitted`; with it they run between `BEGIN` and `COMMIT` at that level, so under
    /// `.repeatableRead` they share one snapshot (a page and its total), still in one round trip.
    public func read(
        isolation: PostgresIsolation? = nil, _ queries: (TenantTransaction) throws -> [PostgresQuery]
    ) throws -> [PostgresResult] {
        try pool.withConnection { connection in
            let statements = try queries(TenantTransaction(connection: connection, tenantID: tenantID))
            TenantTransaction.enter(tenantID, on: connection)
            guard let isolation else { return try connection.pipeline(statements) }
            return try connection.pipelinedTransaction(isolation: isolation, statements)
        }
    }
}
