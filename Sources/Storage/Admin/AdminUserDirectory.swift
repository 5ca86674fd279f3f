import Foundation
import Identity
import Postgres

/// People of a tenant for administrators, inside one tenant transaction.
///
/// The list walks the index on `(tenant_id, user_name_lower COLLATE "C")` (sql/0009) in keyset order, so any page
/// costs the same at 100,000 people as at ten. A search is a prefix of the userName or the displayName, ignoring
/// case, answered by range scans of the two "C"-collated indexes of sql/0009 (byte order makes a prefix one range
/// whatever the database's collation). People deleted by SCIM are not listed; they can still be read by id.
public struct AdminUserDirectory {
    let transaction: TenantTransaction

    private var connection: PostgresConnection { transaction.connection }
    private var tenantID: UUID { transaction.tenantID }

    /// One page of live people ordered by userName ignoring case; `search` narrows to a prefix of either name.
    public func list(search: String?, _ page: AdminPageRequest) throws -> AdminPage<AdminUserSummary> {
        let scan = try Self.scan(tenantID: tenantID, search: search, page)
        let query: PostgresQuery =
            """
            SELECT u.id, u.user_name, u.display_name, u.status, u.last_sign_in_at, u.user_name_lower AS sort_key,
                u.role_id, r.name AS role_name, u.role_source, u.managing_provider_id, p.name AS provider_name
            FROM (\(fragment: scan)) u
            LEFT JOIN roles r ON r.tenant_id = u.tenant_id AND r.id = u.role_id
            LEFT JOIN oidc_providers p ON p.tenant_id = u.tenant_id AND p.id = u.managing_provider_id
            ORDER BY u.user_name_lower COLLATE "C"
            """
        var people = try connection.query(query).rows.map(AdminUserSummary.init(row:))
        let ids = people.map(\.id)
        let teams = try names(.team, of: ids)
        let units = try names(.businessUnit, of: ids)
        for index in people.indices {
            people[index].teams = teams[people[index].id] ?? []
            people[index].businessUnits = units[people[index].id] ?? []
        }
        return AdminPage(rows: people, limit: page.limit) { AdminCursor([$0.sortKey]) }
    }

    /// The page's people alone, in keyset order: the part of `list` that must stay an index range scan.
    ///
    /// A search is two branches rather than one `OR`. With an `OR`, PostgreSQL may walk the userName index in order
    /// and filter, expecting matches spread evenly; but a userName prefix is one contiguous stretch of that order, so
    /// for a prefix late in the alphabet the walk read nearly the whole tenant. The userName branch is a range scan of
    /// its own index in order, stopping at the limit. The displayName branch is materialized, so it is always a range
    /// scan of the displayName index (or of the userName index from the cursor), costing what it matches; it leaves
    /// out people the first branch already found.
    static func scan(tenantID: UUID, search: String?, _ page: AdminPageRequest) throws -> PostgresQuery {
        let live: PostgresQuery = "u.tenant_id = \(tenantID) AND u.deleted_at IS NULL"
        var after: PostgresQuery = ""
        if let cursor = page.after {
            let key = try cursor.parts(1)[0]
            after = " AND u.user_name_lower COLLATE \"C\" > \(key)::text COLLATE \"C\""
        }
        let order: PostgresQuery = " ORDER BY u.user_name_lower COLLATE \"C\" LIMIT \(page.limit + 1)"
        guard let search, !search.isEmpty else {
            return "SELECT u.* FROM users u WHERE " + live + after + order
        }
        let byUserName = prefix(column: "user_name_lower", search)
        let byDisplayName = prefix(column: "display_name_lower", search)
        return "WITH by_display_name AS MATERIALIZED (SELECT u.* FROM users u WHERE " + live + " AND " + byDisplayName
            + " AND NOT " + byUserName + after + ") SELECT u.* FROM ((SELECT u.* FROM users u WHERE " + live + " AND "
            + byUserName + after + order + ") UNION ALL (SELECT u.* FROM by_display_name u" + order + ")) u" + order
    }

    /// `column` starts with `search`, ignoring case, as one range of the column's "C"-collated index. U+10FFFF is the
    /// greatest code point, so [prefix, prefix + U+10FFFF) holds every longer text with that prefix in byte order (a
    /// name continuing with U+10FFFF itself, a noncharacter, is the one exception).
    private static func prefix(column: String, _ search: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "(u.\(column) COLLATE \"C\" >= ") + "lower(\(search)::text) COLLATE \"C\""
            + PostgresQuery(unsafeSQL: " AND u.\(column) COLLATE \"C\" < ")
            + "(lower(\(search)::text) || chr(1114111)) COLLATE \"C\")"
    }

    /// A person by id, deleted ones included, with every membership and its grants.
    public func detail(id: UUID) throws -> AdminUserDetail? {
        let query: PostgresQuery = """
            SELECT u.id, u.user_name, u.display_name, u.external_id, u.status, u.active,
                u.deleted_at IS NOT NULL AS deleted, u.origin, u.last_sign_in_at, u.created_at, u.updated_at,
                u.role_id, r.name AS role_name, u.role_source, u.managing_provider_id, p.name AS provider_name
            FROM users u
            LEFT JOIN roles r ON r.tenant_id = u.tenant_id AND r.id = u.role_id
            LEFT JOIN oidc_providers p ON p.tenant_id = u.tenant_id AND p.id = u.managing_provider_id
            WHERE u.tenant_id = \(tenantID) AND u.id = \(id)
            """
        guard let row = try connection.query(query).rows.first else { return nil }
        var user = try AdminUserDetail(row: row)
        user.teams = try memberships(.team, of: id)
        user.businessUnits = try memberships(.businessUnit, of: id)
        return user
    }

    /// Whether SCIM deleted the person; nil when the id names nobody in the tenant. `lock` holds the row.
    func isDeleted(_ id: UUID, lock: Bool = false) throws -> Bool? {
        var query: PostgresQuery = """
            SELECT deleted_at IS NOT NULL AS deleted FROM users WHERE tenant_id = \(tenantID) AND id = \(id)
            """
        if lock { query.append(" FOR UPDATE") }
        return try connection.query(query).rows.first?.decode("deleted", as: Bool.self)
    }

    /// Distinct team or unit names per person, ordered by name ignoring case.
    private func names(_ kind: MembershipKind, of userIDs: [UUID]) throws -> [UUID: [String]] {
        guard !userIDs.isEmpty else { return [:] }
        let rows = try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT DISTINCT m.user_id, g.name, lower(g.name) AS sort_key FROM \(kind.memberTable) m
                    JOIN \(kind.table) g ON g.tenant_id = m.tenant_id AND g.id = m.\(kind.memberColumn)
                    WHERE m.tenant_id = 
                    """) + "\(tenantID) AND m.user_id = ANY(\(userIDs)) ORDER BY m.user_id, sort_key"
        ).rows
        var result: [UUID: [String]] = [:]
        for row in rows { result[try row.decode("user_id"), default: []].append(try row.decode("name")) }
        return result
    }

    private func memberships(_ kind: MembershipKind, of userID: UUID) throws -> [AdminMembership] {
        let rows = try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT g.id, g.name, m.source, m.provider_id, m.granted_at FROM \(kind.memberTable) m
                    JOIN \(kind.table) g ON g.tenant_id = m.tenant_id AND g.id = m.\(kind.memberColumn)
                    WHERE m.tenant_id = 
                    """) + "\(tenantID) AND m.user_id = \(userID) ORDER BY lower(g.name), g.id, m.source"
        ).rows
        return try Self.groupGrants(rows)
    }

    /// Folds rows of (id, name, source, provider_id, granted_at), ordered by id, into one membership per id.
    static func groupGrants(_ rows: [PostgresRow]) throws -> [AdminMembership] {
        var result: [AdminMembership] = []
        for row in rows {
            let id: UUID = try row.decode("id")
            if result.last?.id != id {
                result.append(AdminMembership(id: id, name: try row.decode("name"), grants: []))
            }
            result[result.count - 1].grants.append(try grant(row))
        }
        return result
    }

    static func grant(_ row: PostgresRow) throws -> AdminGrant {
        AdminGrant(
            source: MembershipSource(rawValue: try row.decode("source")) ?? .manual,
            providerID: try row.decodeIfPresent("provider_id"), grantedAt: try row.decode("granted_at"))
    }

    static func reference(_ row: PostgresRow, id: String, name: String) throws -> AdminReference? {
        guard let id: UUID = try row.decodeIfPresent(id) else { return nil }
        return AdminReference(id: id, name: try row.decodeIfPresent(name) ?? "")
    }

    static func role(_ row: PostgresRow) throws -> AdminRoleAssignment? {
        guard let id: UUID = try row.decodeIfPresent("role_id") else { return nil }
        let source: String? = try row.decodeIfPresent("role_source")
        return AdminRoleAssignment(
            id: id, name: try row.decodeIfPresent("role_name") ?? "", source: source.flatMap(MembershipSource.init))
    }
}
