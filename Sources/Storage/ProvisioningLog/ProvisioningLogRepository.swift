import Foundation
import Postgres
import SCIM

/// The per-provider provisioning log of one tenant: recent SCIM requests and our answers, redacted.
///
/// Each call is its own short tenant transaction (row-level security applies), separate from the SCIM change the
/// entry describes, so a failure here never undoes provisioning. Rows are read and pruned through the
/// `(tenant_id, provider_id, occurred_at)` index.
public struct ProvisioningLogRepository: Sendable {
    public let database: TenantDatabase

    /// Most entries one `recent` call returns.
    public static let maxPageSize = 500

    public init(database: TenantDatabase) {
        self.database = database
    }

    /// Stores `records` in one transaction; the inserts travel in one round trip.
    public func record(_ records: [ProvisioningLogRecord]) throws {
        guard !records.isEmpty else { return }
        _ = try database.transaction { transaction in
            try transaction.connection.pipeline(
                records.map { record in
                    """
                    INSERT INTO provisioning_log (tenant_id, provider_id, request_id, method, route, status, dialect,
                        quirks, request, response, duration_ms, occurred_at)
                    VALUES (\(transaction.tenantID), \(record.providerID), \(record.requestID), \(record.method),
                        \(record.route), \(record.status), \(record.dialect.rawValue),
                        \(record.quirks.map(\.rawValue))::text[], \(record.request?.serializedString)::jsonb,
                        \(record.response?.serializedString)::jsonb, \(record.durationMilliseconds),
                        \(record.occurredAt))
                    """
                })
        }
    }

    /// The provider's entries, newest first: at most `limit` (1 to `maxPageSize`), older than the entry with id
    /// `before` when given. An empty answer past the last page, and for a provider of another tenant.
    public func recent(providerID: UUID, limit: Int = 50, before: Int64? = nil) throws -> [ProvisioningLogEntry] {
        try database.transaction { transaction in
            try transaction.connection.query(
                Self.recentQuery(tenantID: transaction.tenantID, providerID: providerID, limit: limit, before: before)
            ).rows.map(ProvisioningLogEntry.init(row:))
        }
    }

    /// Keyset paging over `(occurred_at, id)`, which the `(tenant_id, provider_id, occurred_at)` index serves.
    static func recentQuery(tenantID: UUID, providerID: UUID, limit: Int, before: Int64?) -> PostgresQuery {
        let cursor: PostgresQuery =
            before.map { id in
                """
                AND (occurred_at, id) < (
                    SELECT occurred_at, id FROM provisioning_log WHERE tenant_id = \(tenantID) AND id = \(id))
                """
            } ?? ""
        return """
            SELECT \(unescaped: ProvisioningLogEntry.columns) FROM provisioning_log
            WHERE tenant_id = \(tenantID) AND provider_id = \(providerID) \(fragment: cursor)
            ORDER BY occurred_at DESC, id DESC
            LIMIT \(min(max(limit, 1), maxPageSize))
            """
    }

    /// Deletes the provider's entries beyond the newest `keep`, and those that occurred before `cutoff`; returns
    /// how many went. `keep` below 1 keeps one.
    @discardableResult
    public func prune(providerID: UUID, keep: Int, olderThan cutoff: Date? = nil) throws -> Int {
        try database.transaction { transaction in
            try transaction.connection.query(
                Self.pruneQuery(tenantID: transaction.tenantID, providerID: providerID, keep: keep, cutoff: cutoff)
            ).affectedRows
        }
    }

    /// Finds the `keep`-th newest entry by walking the index from the newest end, then deletes what is older.
    static func pruneQuery(tenantID: UUID, providerID: UUID, keep: Int, cutoff: Date?) -> PostgresQuery {
        """
        DELETE FROM provisioning_log
        WHERE tenant_id = \(tenantID) AND provider_id = \(providerID) AND (
            occurred_at < \(cutoff)
            OR (occurred_at, id) < (
                SELECT occurred_at, id FROM provisioning_log
                WHERE tenant_id = \(tenantID) AND provider_id = \(providerID)
                ORDER BY occurred_at DESC, id DESC
                OFFSET \(max(keep, 1) - 1) LIMIT 1))
        """
    }
}
