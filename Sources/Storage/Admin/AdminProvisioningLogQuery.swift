import Foundation
import Postgres

/// Reads a provider's provisioning log (`provisioning_log`), newest first, inside one tenant transaction.
///
/// Read side only: the SCIM request path writes the rows, already redacted, and prunes them for retention; this type
/// never changes them. Pages are keyset positions on `(occurred_at, id)` over the index by provider.
public struct AdminProvisioningLogQuery {
    let transaction: TenantTransaction

    public func list(providerID: UUID, _ page: AdminPageRequest) throws -> AdminPage<AdminProvisioningLogEntry> {
        _ = try transaction.adminProviders.require(providerID)
        var query: PostgresQuery = """
            SELECT id, request_id, method, route, status, dialect, quirks, request::text AS request,
                response::text AS response, duration_ms, occurred_at,
                (extract(epoch FROM occurred_at) * 1000000)::bigint AS micros
            FROM provisioning_log WHERE tenant_id = \(transaction.tenantID) AND provider_id = \(providerID)
            """
        if let after = page.after { query.append(try AdminEventQuery.before(after)) }
        query.append(" ORDER BY occurred_at DESC, id DESC LIMIT \(page.limit + 1)")
        let rows = try transaction.connection.query(query).rows.map(AdminProvisioningLogEntry.init(row:))
        return AdminPage(rows: rows, limit: page.limit) { AdminCursor([String($0.micros), String($0.id)]) }
    }
}
