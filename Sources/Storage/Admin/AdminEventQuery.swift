import Foundation
import Postgres

/// Provisioning events of a tenant, newest first, inside one tenant transaction.
///
/// Pages are keyset positions on `(occurred_at, id)`, served by the indexes on `(tenant_id, occurred_at DESC, id
/// DESC)` (migration 0003), by provider and by resource, so a deep page costs what the first one does.
public struct AdminEventQuery {
    let transaction: TenantTransaction

    public func list(_ filter: AdminEventFilter, _ page: AdminPageRequest) throws -> AdminPage<AdminEventRecord> {
        var query: PostgresQuery = """
            SELECT id, provider_id, token_id, resource_type, resource_id, operation, changed_attributes, request_id,
                occurred_at, (extract(epoch FROM occurred_at) * 1000000)::bigint AS micros
            FROM provisioning_events WHERE tenant_id = \(transaction.tenantID)
            """
        if let provider = filter.providerID { query.append(" AND provider_id = \(provider)") }
        if let type = filter.resourceType { query.append(" AND resource_type = \(type.rawValue)") }
        if let resource = filter.resourceID { query.append(" AND resource_id = \(resource)") }
        if let operation = filter.operation { query.append(" AND operation = \(operation.rawValue)") }
        if let since = filter.since { query.append(" AND occurred_at >= \(since)") }
        if let until = filter.until { query.append(" AND occurred_at < \(until)") }
        if let after = page.after { query.append(try Self.before(after)) }
        query.append(" ORDER BY occurred_at DESC, id DESC LIMIT \(page.limit + 1)")
        let rows = try transaction.connection.query(query).rows.map(AdminEventRecord.init(row:))
        return AdminPage(rows: rows, limit: page.limit) { AdminCursor([String($0.micros), String($0.id)]) }
    }

    /// The condition for rows older than a cursor of (microseconds, id), newest-first order.
    static func before(_ cursor: AdminCursor) throws -> PostgresQuery {
        _ = try cursor.parts(2)
        return
            " AND (occurred_at, id) < (timestamptz 'epoch' + \(try cursor.integer(0)) * interval '1 microsecond', "
            + "\(try cursor.integer(1)))"
    }
}
