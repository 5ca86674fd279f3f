import Foundation
import Postgres
import SCIM

/// Users of one tenant, on a connection inside the caller's tenant transaction. Every statement is keyed on the
/// tenant; with a provider, only the people that provider may see: those it manages, and unmanaged people who signed
/// in through it (PRODUCT.md, several IdPs per tenant).
public struct TenantScopedUserRepository {
    private let connection: PostgresConnection
    private let tenantID: UUID
    /// The provider whose SCIM token is calling; nil for tenant administration, which sees everyone.
    private let providerID: UUID?

    init(connection: PostgresConnection, tenantID: UUID, providerID: UUID? = nil) {
        self.connection = connection
        self.tenantID = tenantID
        self.providerID = providerID
    }

    public func create(attributes: JSONValue, managingProviderID: UUID) throws -> StoredUser {
        let columns = try UserColumns(attributes: attributes)
        let query: PostgresQuery = """
            INSERT INTO users AS u (tenant_id, id, user_name, external_id, display_name, active, status,
                managing_provider_id, origin, attributes)
            VALUES (\(tenantID), \(UUID()), \(columns.userName), \(columns.externalID), \(columns.displayName),
                \(columns.active), \(columns.active ? "active" : "suspended"), \(managingProviderID), 'scim',
                \(attributes.serializedString)::jsonb)
            ON CONFLICT (tenant_id, lower(user_name)) WHERE deleted_at IS NULL DO NOTHING
            RETURNING \(unescaped: StoredUser.columns)
            """
        guard let row = try uniqueUserName(columns.userName, { try connection.query(query) }).rows.first else {
            throw try conflict(columns.userName)
        }
        return try StoredUser(row: row)
    }

    /// Creates a person at their first OIDC sign-in: unmanaged (no provider's SCIM manages them yet) and linked to
    /// the provider's subject, so that provider's SCIM lookups find them and its next write takes them over.
    public func createFromSignIn(attributes: JSONValue, providerID: UUID, subject: String) throws -> StoredUser {
        let columns = try UserColumns(attributes: attributes)
        let query: PostgresQuery = """
            INSERT INTO users AS u (tenant_id, id, user_name, external_id, display_name, active, status, origin,
                attributes, last_sign_in_at)
            VALUES (\(tenantID), \(UUID()), \(columns.userName), NULL, \(columns.displayName), true, 'active', 'oidc',
                \(attributes.serializedString)::jsonb, clock_timestamp())
            ON CONFLICT (tenant_id, lower(user_name)) WHERE deleted_at IS NULL DO NOTHING
            RETURNING \(unescaped: StoredUser.columns)
            """
        guard let row = try uniqueUserName(columns.userName, { try connection.query(query) }).rows.first else {
            throw try conflict(columns.userName)
        }
        let user = try StoredUser(row: row)
        try link(userID: user.id, providerID: providerID, subject: subject)
        return user
    }

    /// Records that `subject` of `providerID` signs in as this person.
    public func link(userID: UUID, providerID: UUID, subject: String) throws {
        try connection.query(
            """
            INSERT INTO user_identities (tenant_id, provider_id, subject, user_id)
            VALUES (\(tenantID), \(providerID), \(subject), \(userID))
            ON CONFLICT (tenant_id, provider_id, subject) DO UPDATE SET user_id = EXCLUDED.user_id
            """)
    }

    /// A live (not deleted) user this repository may see; `lock` takes a row lock for a read-modify-write.
    public func find(id: UUID, lock: Bool = false) throws -> StoredUser? {
        var query = findQuery(id: id)
        if lock { query.append(" FOR UPDATE") }
        return try connection.query(query).rows.first.map(StoredUser.init(row:))
    }

    /// `find` as a statement, for `TenantDatabase.read`; decode its rows with `decodeFound`.
    public func findQuery(id: UUID) -> PostgresQuery {
        "SELECT \(unescaped: StoredUser.columns) FROM users u WHERE " + listScope + " AND u.id = \(id)"
    }

    public static func decodeFound(_ rows: [PostgresRow]) throws -> StoredUser? {
        try rows.first.map(StoredUser.init(row:))
    }

    /// Replaces the stored attributes and the columns derived from them; bumps the version. An unmanaged person
    /// (created by an OIDC sign-in) becomes managed by the calling provider: this is the merge of PRODUCT.md.
    ///
    /// `currentUserName` is the name the row holds now, when the caller read it: an unchanged name cannot collide,
    /// so its holder is not looked up.
    public func update(id: UUID, attributes: JSONValue, currentUserName: String? = nil) throws -> StoredUser {
        let columns = try UserColumns(attributes: attributes)
        // Checked first so the 409 can say who holds the name; the unique index still settles races.
        if currentUserName != columns.userName, try holder(of: columns.userName, excluding: id) != nil {
            throw try conflict(columns.userName)
        }
        let query: PostgresQuery =
            """
            UPDATE users AS u SET user_name = \(columns.userName), external_id = \(columns.externalID),
                display_name = \(columns.displayName), active = \(columns.active),
                status = \(columns.active ? "active" : "suspended"), attributes = \(attributes.serializedString)::jsonb,
                managing_provider_id = COALESCE(u.managing_provider_id, \(providerID)),
                version = u.version + 1, updated_at = clock_timestamp()
            WHERE
            """ + " " + listScope + " AND u.id = \(id) RETURNING \(unescaped: StoredUser.columns)"
        let rows = try uniqueUserName(columns.userName) { try connection.query(query) }.rows
        guard let row = rows.first else { throw SCIMError.notFound("User \(id.uuidString.lowercased()) not found.") }
        return try StoredUser(row: row)
    }

    /// SCIM DELETE: the person is suspended and hidden from SCIM but kept for audit; group memberships end.
    public func delete(id: UUID) throws -> Bool {
        let result = try connection.query(
            """
            UPDATE users AS u SET deleted_at = clock_timestamp(), status = 'suspended', active = false,
                version = u.version + 1, updated_at = clock_timestamp()
            WHERE
            """ + " " + listScope + " AND u.id = \(id)")
        guard result.affectedRows == 1 else { return false }
        try connection.pipeline(TenantScopedGroupRepository.leaveGroups(memberID: id, tenantID: tenantID))
        return true
    }

    /// These users render a different `groups` attribute (they joined or left a group, or one of their groups was
    /// renamed or deleted): each gets a new version and `meta.lastModified`, so a client holding the old ETag gets no
    /// 304 and a `meta.lastModified gt` sync finds them (RFC 7644 §3.14). The statement travels with the
    /// transaction's next one. Ids of groups (nested members) match no user row.
    public func groupsChanged(of userIDs: some Collection<UUID>) {
        guard !userIDs.isEmpty else { return }
        connection.deferUntilNextQuery(
            """
            UPDATE users AS u SET version = u.version + 1, updated_at = clock_timestamp()
            WHERE u.tenant_id = \(tenantID) AND u.id = ANY(\(Array(userIDs))) AND u.deleted_at IS NULL
            """)
    }

    /// One page of users matching the request's filter, and the filtered total.
    public func list(_ request: PageRequest) throws -> Page<StoredUser> {
        try Self.pagedQuery.run(request, base: listScope, on: connection) { row in
            (try StoredUser(row: row), try PagedQuery.cursor(row))
        }
    }

    /// `list` and, when `withGroups`, the groups of the page's users, as statements for `TenantDatabase.read`;
    /// decode the results with `decodeList`.
    public func listStatements(_ request: PageRequest, withGroups: Bool) throws -> [PostgresQuery] {
        let (count, page) = try Self.pagedQuery.statements(request, base: listScope)
        guard let page else { return [count] }
        guard withGroups else { return [count, page] }
        // The page again as a subquery: in one snapshot it names the same users as the page itself.
        var groups: PostgresQuery = """
            SELECT m.member_id, g.id, g.display_name FROM scim_group_members m
            JOIN scim_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
            WHERE m.tenant_id = \(tenantID) AND m.member_id IN (SELECT page.id FROM (
            """
        groups.append(page)
        groups.append(") AS page)")
        if let providerID { groups.append(" AND g.managing_provider_id = \(providerID)") }
        groups.append(" ORDER BY g.display_name, g.id")
        return [count, page, groups]
    }

    public static func decodeList(
        _ results: [PostgresResult], _ request: PageRequest
    ) throws -> (page: Page<StoredUser>, groups: [UUID: [StoredGroupReference]]) {
        let page = try pagedQuery.page(
            request, countRows: results[0].rows, pageRows: results.count > 1 ? results[1].rows : nil
        ) { row in
            (try StoredUser(row: row), try PagedQuery.cursor(row))
        }
        return (page, results.count > 2 ? try decodeGroups(results[2].rows) : [:])
    }

    static let pagedQuery = PagedQuery(alias: "u", table: "users", columns: StoredUser.columns, map: .users(alias: "u"))

    /// Live users of the tenant that this repository may see (alias `u`).
    var listScope: PostgresQuery {
        let tenant: PostgresQuery = "u.tenant_id = \(tenantID) AND u.deleted_at IS NULL"
        guard let providerID else { return tenant }
        return tenant
            + """
             AND (u.managing_provider_id = \(providerID) OR (u.managing_provider_id IS NULL AND EXISTS (
                SELECT 1 FROM user_identities i
                WHERE i.tenant_id = u.tenant_id AND i.user_id = u.id AND i.provider_id = \(providerID))))
            """
    }

    /// Ids among `candidates` that name live users this repository may see; used to admit group members.
    func visibleIDsQuery(among candidates: [UUID]) -> PostgresQuery {
        "SELECT u.id FROM users u WHERE " + listScope + " AND u.id = ANY(\(candidates))"
    }

    /// Groups each user belongs to, for the read-only `groups` attribute: with a provider, only its groups.
    public func groups(of userIDs: [UUID]) throws -> [UUID: [StoredGroupReference]] {
        guard !userIDs.isEmpty else { return [:] }
        return try Self.decodeGroups(connection.query(groupsQuery(of: userIDs)).rows)
    }

    /// `groups(of:)` as a statement, for `TenantDatabase.read`; decode its rows with `decodeGroups`.
    public func groupsQuery(of userIDs: [UUID]) -> PostgresQuery {
        var query: PostgresQuery = """
            SELECT m.member_id, g.id, g.display_name FROM scim_group_members m
            JOIN scim_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
            WHERE m.tenant_id = \(tenantID) AND m.member_id = ANY(\(userIDs))
            """
        if let providerID { query.append(" AND g.managing_provider_id = \(providerID)") }
        query.append(" ORDER BY g.display_name, g.id")
        return query
    }

    public static func decodeGroups(_ rows: [PostgresRow]) throws -> [UUID: [StoredGroupReference]] {
        var result: [UUID: [StoredGroupReference]] = [:]
        for row in rows {
            let reference = StoredGroupReference(id: try row.decode("id"), displayName: try row.decode("display_name"))
            result[try row.decode("member_id"), default: []].append(reference)
        }
        return result
    }

    /// Users by id whether or not deleted, for recomputing governance of many people at once.
    func anyStatesQuery(ids: [UUID]) -> PostgresQuery {
        """
        SELECT \(unescaped: StoredUser.columns), u.deleted_at IS NOT NULL AS deleted FROM users u
        WHERE u.tenant_id = \(tenantID) AND u.id = ANY(\(ids))
        """
    }

    static func decodeAnyStates(_ rows: [PostgresRow]) throws -> [UUID: (user: StoredUser, deleted: Bool)] {
        var result: [UUID: (user: StoredUser, deleted: Bool)] = [:]
        for row in rows {
            let user = try StoredUser(row: row)
            result[user.id] = (user, try row.decode("deleted"))
        }
        return result
    }

    /// Names of every group each person belongs to, whichever provider pushed it.
    func allGroupNamesQuery(of userIDs: [UUID]) -> PostgresQuery {
        """
        SELECT m.member_id, g.display_name FROM scim_group_members m
        JOIN scim_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
        WHERE m.tenant_id = \(tenantID) AND m.member_id = ANY(\(userIDs)) ORDER BY g.display_name
        """
    }

    static func decodeAllGroupNames(_ rows: [PostgresRow]) throws -> [UUID: [String]] {
        var result: [UUID: [String]] = [:]
        for row in rows {
            result[try row.decode("member_id"), default: []].append(try row.decode("display_name"))
        }
        return result
    }

    /// Turns a unique-index violation that a race let through into SCIM's 409 (RFC 7644 §3.3). The transaction is
    /// aborted then, so the message cannot say who holds the name.
    private func uniqueUserName(_ userName: String, _ body: () throws -> PostgresResult) throws -> PostgresResult {
        do {
            return try body()
        } catch let error as PostgresError where error.sqlState == .uniqueViolation {
            throw SCIMError.uniqueness("A user with the userName \(userName) already exists.")
        }
    }

    /// The live user holding `userName` (ignoring case), other than `excluding`.
    private func holder(of userName: String, excluding: UUID? = nil) throws -> PostgresRow? {
        var query: PostgresQuery = """
            SELECT u.id, u.managing_provider_id, (\(providerID)::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM user_identities i
                    WHERE i.tenant_id = u.tenant_id AND i.user_id = u.id AND i.provider_id = \(providerID)
                )) AS signed_in_here
            FROM users u
            WHERE u.tenant_id = \(tenantID) AND u.user_name_lower = lower(\(userName)::text) AND u.deleted_at IS NULL
            """
        if let excluding { query.append(" AND u.id <> \(excluding)") }
        return try connection.query(query).rows.first
    }

    /// The 409 for a taken userName, saying who holds it so an administrator knows what to do.
    private func conflict(_ userName: String) throws -> SCIMError {
        let holder = try holder(of: userName)
        let manager: UUID? = try holder?.decodeIfPresent("managing_provider_id")
        switch manager {
        case .some(let manager) where manager != providerID:
            return SCIMError.uniqueness(
                "userName \(userName) belongs to a person managed by another identity provider of this tenant.")
        case .none where try holder?.decode("signed_in_here", as: Bool.self) == true:
            return SCIMError.uniqueness(
                "userName \(userName) belongs to a person who signed in with OIDC; look them up by userName and "
                    + "PATCH or PUT them to manage them through SCIM.")
        case .none where holder != nil:
            // This provider cannot see them (they signed in through another one), so it cannot take them over.
            return SCIMError.uniqueness(
                "userName \(userName) belongs to a person who signed in through another identity provider of this "
                    + "tenant.")
        default:
            return SCIMError.uniqueness("A user with the userName \(userName) already exists.")
        }
    }
}
