import Foundation
import Postgres

/// Tenants for the admin API. The tenants table has no row-level security (a tenant's own row is not secret to the
/// service); which tenants a caller may see is decided by its admin key, before this type is used.
public struct AdminTenantDirectory: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Tenants in creation order.
    public func list(_ page: AdminPageRequest) throws -> AdminPage<AdminTenantRecord> {
        var query: PostgresQuery = "SELECT \(unescaped: AdminTenantRecord.columns) FROM tenants t"
        if let after = page.after {
            _ = try after.parts(2)
            query.append(
                " WHERE (t.created_at, t.id) > (timestamptz 'epoch' + \(try after.integer(0)) * interval '1 microsecond',"
                    + " \(try after.uuid(1)))")
        }
        query.append(" ORDER BY t.created_at, t.id LIMIT \(page.limit + 1)")
        let tenants = try pool.withConnection { try $0.query(query).rows.map(AdminTenantRecord.init(row:)) }
        return AdminPage(rows: tenants, limit: page.limit) { AdminCursor([String($0.micros), "\($0.id)"]) }
    }

    public func find(id: UUID) throws -> AdminTenantRecord? {
        try pool.withConnection { connection in
            try connection.query("SELECT \(unescaped: AdminTenantRecord.columns) FROM tenants t WHERE t.id = \(id)")
                .rows.first.map(AdminTenantRecord.init(row:))
        }
    }

    /// Creates a tenant with its system roles, in one transaction.
    public func create(name: String) throws -> AdminTenantRecord {
        let tenant = try AdministrationRepository(pool: pool).createTenant(name: name)
        guard let record = try find(id: tenant.id) else { throw AdminStoreError.notFound("tenant", tenant.id) }
        return record
    }
}
