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
            try TenantTransaction.enter(tenantID, on: connection)
            return try body(TenantTransaction(connection: connection, tenantID: tenantID))
        }
    }
}
