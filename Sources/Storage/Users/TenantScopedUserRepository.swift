import Foundation
import Postgres
import SCIM

/// Users of one tenant, on a connection inside the caller's transaction. Every statement is keyed on the tenant.
public struct TenantScopedUserRepository {
    private let connection: PostgresConnection
    private let tenantID: UUID

    init(connection: PostgresConnection, tenantID: UUID) {
        self.connection = connection
        self.tenantID = tenantID
    }

    public func create(attributes: JSONValue, managingProviderID: UUID) throws -> StoredUser {
        let columns = try UserColumns(attributes: attributes)
        let query: PostgresQuery = """
            INSERT INTO users AS u (tenant_id, id, user_name, external_id, display_name, active, status,
                managing_provider_id, origin, attributes)
            VALUES (\(tenantID), \(UUID()), \(columns.userName), \(columns.externalID), \(columns.displayName),
                \(columns.active), \(columns.active ? "active" : "suspended"), \(managingProviderID), 'scim',
                \(attributes.serializedString)::jsonb)
            RETURNING \(unescaped: StoredUser.columns)
            """
        return try StoredUser(row: try uniqueUserName(columns.userName) { try connection.query(query) }.rows[0])
    }

    /// A live (not deleted) user; `lock` takes a row lock for a read-modify-write.
    public func find(id: UUID, lock: Bool = false) throws -> StoredUser? {
        var query: PostgresQuery = """
            SELECT \(unescaped: StoredUser.columns) FROM users u
            WHERE u.tenant_id = \(tenantID) AND u.id = \(id) AND u.deleted_at IS NULL
            """
        if lock { query.append(" FOR UPDATE") }
        return try connection.query(query).rows.first.map(StoredUser.init(row:))
    }

    /// Replaces the stored attributes and the columns derived from them; bumps the version.
    public func update(id: UUID, attributes: JSONValue) throws -> StoredUser {
        let columns = try UserColumns(attributes: attributes)
        let query: PostgresQuery = """
            UPDATE users AS u SET user_name = \(columns.userName), external_id = \(columns.externalID),
                display_name = \(columns.displayName), active = \(columns.active),
                status = \(columns.active ? "active" : "suspended"), attributes = \(attributes.serializedString)::jsonb,
                version = u.version + 1, updated_at = clock_timestamp()
            WHERE u.tenant_id = \(tenantID) AND u.id = \(id) AND u.deleted_at IS NULL
            RETURNING \(unescaped: StoredUser.columns)
            """
        let rows = try uniqueUserName(columns.userName) { try connection.query(query) }.rows
        guard let row = rows.first else { throw SCIMError.notFound("User \(id.uuidString.lowercased()) not found.") }
        return try StoredUser(row: row)
    }

    /// SCIM DELETE: the person is suspended and hidden from SCIM but kept for audit; memberships end.
    public func delete(id: UUID) throws -> Bool {
        let result = try connection.query(
            """
            UPDATE users SET deleted_at = clock_timestamp(), status = 'suspended', active = false,
                version = version + 1, updated_at = clock_timestamp()
            WHERE tenant_id = \(tenantID) AND id = \(id) AND deleted_at IS NULL
            """)
        guard result.affectedRows == 1 else { return false }
        _ = try connection.query(
            "DELETE FROM scim_group_members WHERE tenant_id = \(tenantID) AND member_id = \(id)")
        return true
    }

    /// One page of users matching the request's filter, and the filtered total.
    public func list(_ request: PageRequest) throws -> Page<StoredUser> {
        try Self.pagedQuery.run(request, base: listScope, on: connection) { row in
            (try StoredUser(row: row), try PagedQuery.cursor(row))
        }
    }

    static let pagedQuery = PagedQuery(alias: "u", table: "users", columns: StoredUser.columns, map: .users(alias: "u"))

    var listScope: PostgresQuery { "u.tenant_id = \(tenantID) AND u.deleted_at IS NULL" }

    /// Groups each user belongs to, for the read-only `groups` attribute.
    public func groups(of userIDs: [UUID]) throws -> [UUID: [StoredGroupReference]] {
        guard !userIDs.isEmpty else { return [:] }
        let rows = try connection.query(
            """
            SELECT m.member_id, g.id, g.display_name FROM scim_group_members m
            JOIN scim_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
            WHERE m.tenant_id = \(tenantID) AND m.member_id = ANY(\(userIDs.map { $0.uuidString })::uuid[])
            ORDER BY g.display_name, g.id
            """
        ).rows
        var result: [UUID: [StoredGroupReference]] = [:]
        for row in rows {
            let reference = StoredGroupReference(id: try row.decode("id"), displayName: try row.decode("display_name"))
            result[try row.decode("member_id"), default: []].append(reference)
        }
        return result
    }

    /// Turns the case-insensitive uniqueness index's violation into SCIM's 409 (RFC 7644 §3.3).
    private func uniqueUserName(_ userName: String, _ body: () throws -> PostgresResult) throws -> PostgresResult {
        do {
            return try body()
        } catch let error as PostgresError where error.sqlState == .uniqueViolation {
            throw SCIMError.uniqueness("A user with the userName \(userName) already exists in this tenant.")
        }
    }
}
