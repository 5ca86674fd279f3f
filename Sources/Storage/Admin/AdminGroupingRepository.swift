import Foundation
import Identity
import Postgres

/// Teams or business units (one `MembershipKind`) for administrators, inside one tenant transaction.
///
/// Administrators create and delete their own: a team that SCIM or sign-in grants still hold cannot be deleted,
/// because the next sync would bring it back; the rules or the IdP's groups must change first.
public struct AdminGroupingRepository {
    let transaction: TenantTransaction
    let kind: MembershipKind

    private var connection: PostgresConnection { transaction.connection }
    private var tenantID: UUID { transaction.tenantID }

    /// One page in name order (ignoring case), each with its member counts.
    public func list(_ page: AdminPageRequest) throws -> AdminPage<AdminGroupingRecord> {
        var query =
            PostgresQuery(
                unsafeSQL: "SELECT g.id, g.name, g.created_at, lower(g.name) AS sort_key FROM \(kind.table) g")
            + " WHERE g.tenant_id = \(tenantID)"
        if let after = page.after { query.append(" AND lower(g.name) > \(try after.parts(1)[0])::text") }
        query.append(" ORDER BY lower(g.name) LIMIT \(page.limit + 1)")
        let records = try withCounts(try connection.query(query).rows.map(AdminGroupingRecord.init(row:)))
        return AdminPage(rows: records, limit: page.limit) { AdminCursor([$0.sortKey]) }
    }

    public func find(id: UUID) throws -> AdminGroupingRecord? {
        let query =
            PostgresQuery(
                unsafeSQL: "SELECT g.id, g.name, g.created_at, lower(g.name) AS sort_key FROM \(kind.table) g")
            + " WHERE g.tenant_id = \(tenantID) AND g.id = \(id)"
        return try withCounts(try connection.query(query).rows.map(AdminGroupingRecord.init(row:))).first
    }

    /// One page of the people holding it, in userName order, each with their grants.
    public func members(of id: UUID, _ page: AdminPageRequest) throws -> AdminPage<AdminGroupingMember> {
        var query =
            PostgresQuery(
                unsafeSQL: """
                    SELECT u.id, u.user_name, u.display_name, u.status, lower(u.user_name) AS sort_key
                    FROM (SELECT DISTINCT m.user_id FROM \(kind.memberTable) m WHERE m.tenant_id = 
                    """)
            + "\(tenantID) AND "
            + PostgresQuery(unsafeSQL: "m.\(kind.memberColumn) = ")
            + "\(id)) held JOIN users u ON u.tenant_id = \(tenantID) AND u.id = held.user_id"
        if let after = page.after {
            let parts = try after.parts(2)
            query.append(" WHERE (lower(u.user_name), u.id) > (\(parts[0])::text, \(try after.uuid(1)))")
        }
        query.append(" ORDER BY lower(u.user_name), u.id LIMIT \(page.limit + 1)")
        var members = try connection.query(query).rows.map(AdminGroupingMember.init(row:))
        let grants = try connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT user_id, source, provider_id, granted_at FROM \(kind.memberTable) WHERE tenant_id = "
            )
                + "\(tenantID) AND "
                + PostgresQuery(unsafeSQL: "\(kind.memberColumn) = ")
                + "\(id) AND user_id = ANY(\(members.map(\.id))) ORDER BY user_id, source"
        ).rows
        var byUser: [UUID: [AdminGrant]] = [:]
        for row in grants { byUser[try row.decode("user_id"), default: []].append(try AdminUserDirectory.grant(row)) }
        for index in members.indices { members[index].grants = byUser[members[index].id] ?? [] }
        return AdminPage(rows: members, limit: page.limit) { AdminCursor([$0.sortKey, "\($0.id)"]) }
    }

    /// Creates an empty one; the name must be free ignoring case.
    public func create(name: String) throws -> AdminGroupingRecord {
        let id = UUID()
        let inserted = try connection.query(
            PostgresQuery(unsafeSQL: "INSERT INTO \(kind.table) (tenant_id, id, name) VALUES (")
                + "\(tenantID), \(id), \(name)) ON CONFLICT (tenant_id, lower(name)) DO NOTHING"
        ).affectedRows
        guard inserted == 1, let record = try find(id: id) else {
            throw AdminStoreError(.nameTaken, "A \(kind.noun) with this name already exists.")
        }
        return record
    }

    /// The one named `name` ignoring case, created when missing.
    func findOrCreate(name: String) throws -> AdminGroupingRecord {
        try connection.query(
            PostgresQuery(unsafeSQL: "INSERT INTO \(kind.table) (tenant_id, id, name) VALUES (")
                + "\(tenantID), \(UUID()), \(name)) ON CONFLICT (tenant_id, lower(name)) DO NOTHING")
        let query =
            PostgresQuery(
                unsafeSQL: "SELECT g.id, g.name, g.created_at, lower(g.name) AS sort_key FROM \(kind.table) g")
            + " WHERE g.tenant_id = \(tenantID) AND lower(g.name) = lower(\(name)::text)"
        guard let row = try connection.query(query).rows.first else {
            throw AdminStoreError(.invalidValue, "The \(kind.noun) could not be created.")
        }
        return try AdminGroupingRecord(row: row)
    }

    /// Deletes it with its manual grants; refused while SCIM or sign-in grants hold it.
    public func delete(id: UUID) throws {
        let locked = try connection.query(
            PostgresQuery(unsafeSQL: "SELECT id FROM \(kind.table) WHERE tenant_id = ")
                + "\(tenantID) AND id = \(id) FOR UPDATE"
        ).rows
        guard !locked.isEmpty else { throw AdminStoreError.notFound(kind.noun, id) }
        let synced = try connection.query(
            PostgresQuery(unsafeSQL: "SELECT 1 AS present FROM \(kind.memberTable) WHERE tenant_id = ")
                + "\(tenantID) AND source <> 'manual' AND "
                + PostgresQuery(unsafeSQL: "\(kind.memberColumn) = ") + "\(id) LIMIT 1"
        ).rows
        guard synced.isEmpty else {
            throw AdminStoreError(
                .heldBySync,
                "SCIM or sign-in grants hold this \(kind.noun); the next sync would bring it back. Change the mapping "
                    + "rules or the IdP's groups first.")
        }
        try connection.query(
            PostgresQuery(unsafeSQL: "DELETE FROM \(kind.table) WHERE tenant_id = ") + "\(tenantID) AND id = \(id)")
    }

    private func withCounts(_ records: [AdminGroupingRecord]) throws -> [AdminGroupingRecord] {
        guard !records.isEmpty else { return records }
        let rows = try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(kind.memberColumn) AS id, source, count(*) AS grants, count(DISTINCT user_id) AS people
                    FROM \(kind.memberTable) WHERE tenant_id = 
                    """) + "\(tenantID) AND "
                + PostgresQuery(unsafeSQL: "\(kind.memberColumn) = ANY(")
                + "\(records.map(\.id))) "
                + PostgresQuery(
                    unsafeSQL: "GROUP BY GROUPING SETS ((\(kind.memberColumn), source), (\(kind.memberColumn)))")
        ).rows
        var result = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
        for row in rows {
            let id: UUID = try row.decode("id")
            if let source: String = try row.decodeIfPresent("source") {
                if let source = MembershipSource(rawValue: source) {
                    result[id]?.grantsBySource[source] = try row.decode("grants")
                }
            } else {
                result[id]?.memberCount = try row.decode("people")
            }
        }
        return records.map { result[$0.id] ?? $0 }
    }
}
