import Foundation
import Postgres
import SCIM

/// SCIM groups of one tenant, on a connection inside the caller's transaction.
///
/// Membership changes touch only the member rows they change, whatever the group's size.
public struct TenantScopedGroupRepository {
    private let connection: PostgresConnection
    private let tenantID: UUID
    /// The provider whose SCIM token is calling: it sees only the groups it pushed. Nil for administration.
    private let providerID: UUID?

    init(connection: PostgresConnection, tenantID: UUID, providerID: UUID? = nil) {
        self.connection = connection
        self.tenantID = tenantID
        self.providerID = providerID
    }

    /// Groups of the tenant this repository may see (alias `g`).
    var scope: PostgresQuery {
        let tenant: PostgresQuery = "g.tenant_id = \(tenantID)"
        guard let providerID else { return tenant }
        return tenant + " AND g.managing_provider_id = \(providerID)"
    }

    public func create(attributes: JSONValue, managingProviderID: UUID) throws -> StoredGroup {
        let displayName = try Self.displayName(attributes)
        let externalID = try IndexedText.checked(attributes["externalId"]?.stringValue, attribute: "externalId")
        let query: PostgresQuery = """
            INSERT INTO scim_groups AS g (tenant_id, id, display_name, external_id, managing_provider_id, attributes)
            VALUES (\(tenantID), \(UUID()), \(displayName), \(externalID),
                \(managingProviderID), \(attributes.serializedString)::jsonb)
            RETURNING \(unescaped: StoredGroup.columns)
            """
        return try StoredGroup(row: try connection.query(query).rows[0])
    }

    public func find(id: UUID, lock: Bool = false) throws -> StoredGroup? {
        var query: PostgresQuery =
            "SELECT \(unescaped: StoredGroup.columns) FROM scim_groups g WHERE " + scope + " AND g.id = \(id)"
        if lock { query.append(" FOR UPDATE") }
        return try connection.query(query).rows.first.map(StoredGroup.init(row:))
    }

    /// Stores new attributes (or only bumps the version after a membership change) and returns the row.
    public func update(id: UUID, attributes: JSONValue) throws -> StoredGroup {
        let displayName = try Self.displayName(attributes)
        let externalID = try IndexedText.checked(attributes["externalId"]?.stringValue, attribute: "externalId")
        let query: PostgresQuery = """
            UPDATE scim_groups AS g SET display_name = \(displayName),
                external_id = \(externalID), attributes = \(attributes.serializedString)::jsonb,
                version = g.version + 1, updated_at = clock_timestamp()
            WHERE
            """ + " " + scope + " AND g.id = \(id) RETURNING \(unescaped: StoredGroup.columns)"
        guard let row = try connection.query(query).rows.first else {
            throw SCIMError.notFound("Group \(id.uuidString.lowercased()) not found.")
        }
        return try StoredGroup(row: row)
    }

    /// Deletes the group with its member list; the groups it was a member of lose it and get a new version.
    public func delete(id: UUID) throws -> Bool {
        guard try connection.query("DELETE FROM scim_groups g WHERE " + scope + " AND g.id = \(id)").affectedRows == 1
        else { return false }
        try connection.pipeline(Self.leaveGroups(memberID: id, tenantID: tenantID))
        return true
    }

    /// A member leaves every group it is in, and each of those groups gets a new version, so an IdP holding the old
    /// ETag does not get a 304 for a member list that changed. The groups are locked before their member rows, in
    /// the order a group PATCH takes them.
    static func leaveGroups(memberID: UUID, tenantID: UUID) -> [PostgresQuery] {
        [
            """
            UPDATE scim_groups AS g SET version = g.version + 1, updated_at = clock_timestamp()
            WHERE g.tenant_id = \(tenantID) AND g.id IN (
                SELECT m.group_id FROM scim_group_members m
                WHERE m.tenant_id = \(tenantID) AND m.member_id = \(memberID))
            """,
            "DELETE FROM scim_group_members WHERE tenant_id = \(tenantID) AND member_id = \(memberID)",
        ]
    }

    /// Ids of every user in the group, for recomputing their teams after a rename or a delete.
    public func memberUserIDs(of groupID: UUID) throws -> [UUID] {
        try connection.query(
            """
            SELECT member_id FROM scim_group_members
            WHERE tenant_id = \(tenantID) AND group_id = \(groupID) AND member_type = 'User'
            """
        ).rows.map { try $0.decode("member_id", as: UUID.self) }
    }

    /// Applies a membership change: wholesale replacement first, then removals, then additions. A replacement
    /// deletes only the members missing from the new list, so re-sending the same list (Okta AIW's PUT) changes
    /// nothing.
    public func applyMembership(_ change: SCIMMembershipChange, groupID: UUID) throws -> MembershipOutcome {
        var outcome = MembershipOutcome()
        if let replacement = change.replaceAll {
            let keep = replacement.compactMap { UUID(uuidString: $0.value)?.uuidString }
            try outcome.record(
                removed: try connection.query(
                    """
                    DELETE FROM scim_group_members
                    WHERE tenant_id = \(tenantID) AND group_id = \(groupID) AND NOT (member_id = ANY(\(keep)::uuid[]))
                    RETURNING member_id
                    """))
        } else if change.removeAll {
            try outcome.record(
                removed: try connection.query(
                    """
                    DELETE FROM scim_group_members WHERE tenant_id = \(tenantID) AND group_id = \(groupID)
                    RETURNING member_id
                    """))
        }
        let removals = change.remove.compactMap { UUID(uuidString: $0)?.uuidString }
        if !removals.isEmpty {
            try outcome.record(
                removed: try connection.query(
                    """
                    DELETE FROM scim_group_members
                    WHERE tenant_id = \(tenantID) AND group_id = \(groupID) AND member_id = ANY(\(removals)::uuid[])
                    RETURNING member_id
                    """))
        }
        let additions = (change.replaceAll ?? []) + change.add
        if !additions.isEmpty { try outcome.record(added: try addMembers(additions, groupID: groupID)) }
        return outcome
    }

    /// Inserts the members that name a user or group of this tenant, with the display text the IdP sent.
    ///
    /// A member id that names nothing here (an unknown id, a deleted user, another tenant's user) is skipped rather
    /// than refused: the group can never reference it, and an IdP that retries a failed request forever is not stuck
    /// on one member it provisioned elsewhere. scim-sanity adds the member "fake-member-id" and expects success.
    private func addMembers(_ members: [SCIMMember], groupID: UUID) throws -> PostgresResult {
        var requested: [UUID: SCIMMember] = [:]
        for member in members {
            guard let id = UUID(uuidString: member.value), id != groupID else { continue }
            requested[id] = member
        }
        guard !requested.isEmpty else { return PostgresResult(rows: [], affectedRows: 0) }
        let candidates = Array(requested.keys)
        let userRepository = TenantScopedUserRepository(
            connection: connection, tenantID: tenantID, providerID: providerID)
        // Which candidates are users and which are groups, in one round trip.
        let found = try connection.pipeline([
            userRepository.visibleIDsQuery(among: candidates),
            "SELECT g.id FROM scim_groups g WHERE " + scope + " AND g.id = ANY(\(candidates))",
        ]).enumerated().flatMap { index, result in
            try result.rows.map { (try $0.decode("id", as: UUID.self), index == 0 ? "User" : "Group") }
        }
        let rows: [JSONValue] = found.map { id, kind in
            var entry: [String: JSONValue] = ["id": .string(id.uuidString), "kind": .string(kind)]
            if let display = requested[id]?.display { entry["display"] = .string(display) }
            return .object(entry)
        }
        guard !rows.isEmpty else { return PostgresResult(rows: [], affectedRows: 0) }
        return try connection.query(
            """
            INSERT INTO scim_group_members AS m (tenant_id, group_id, member_id, member_type, display)
            SELECT \(tenantID), \(groupID), member.id, member.kind, member.display
            FROM jsonb_to_recordset(\(JSONValue.array(rows).serializedString)::jsonb)
                AS member (id uuid, kind text, display text)
            ON CONFLICT (tenant_id, group_id, member_id) DO UPDATE SET display = EXCLUDED.display
            WHERE m.display IS DISTINCT FROM EXCLUDED.display
            RETURNING member_id
            """
        )
    }

    /// The group's members for rendering, or nil when it has more than `limit`: one round trip, and a big group's
    /// members are never read (the second statement's guard reads at most `limit + 1` index entries).
    public func members(of groupID: UUID, unlessMoreThan limit: Int) throws -> [StoredMember]? {
        let tooMany: PostgresQuery = """
            SELECT 1 AS present FROM scim_group_members WHERE tenant_id = \(tenantID) AND group_id = \(groupID)
            OFFSET \(limit) LIMIT 1
            """
        let results = try connection.pipeline([
            tooMany,
            membersQuery(of: [groupID]) { query in
                query.append(" AND NOT EXISTS (")
                query.append(tooMany)
                query.append(")")
            },
        ])
        guard results[0].rows.isEmpty else { return nil }
        return try Self.decodeMembers(results[1].rows)[groupID] ?? []
    }

    /// Members of the given groups with their display names, for rendering `members`.
    public func members(of groupIDs: [UUID]) throws -> [UUID: [StoredMember]] {
        guard !groupIDs.isEmpty else { return [:] }
        return try Self.decodeMembers(connection.query(membersQuery(of: groupIDs) { _ in }).rows)
    }

    /// `refine` adds conditions before the order.
    private func membersQuery(of groupIDs: [UUID], refine: (inout PostgresQuery) -> Void) -> PostgresQuery {
        membersQuery(where: "m.group_id = ANY(\(groupIDs.map(\.uuidString))::uuid[])", refine: refine)
    }

    /// Members of the groups `groups` selects (a condition on `m.group_id`).
    private func membersQuery(where groups: PostgresQuery, refine: (inout PostgresQuery) -> Void) -> PostgresQuery {
        var query: PostgresQuery = """
            SELECT m.group_id, m.member_id, m.member_type,
                COALESCE(m.display, u.display_name, u.user_name, g.display_name) AS display
            FROM scim_group_members m
            LEFT JOIN users u ON m.member_type = 'User' AND u.tenant_id = m.tenant_id AND u.id = m.member_id
            LEFT JOIN scim_groups g ON m.member_type = 'Group' AND g.tenant_id = m.tenant_id AND g.id = m.member_id
            WHERE m.tenant_id = \(tenantID) AND
            """
        query.append(" " + groups)
        refine(&query)
        query.append(" ORDER BY m.group_id, m.created_at, m.member_id")
        return query
    }

    private static func decodeMembers(_ rows: [PostgresRow]) throws -> [UUID: [StoredMember]] {
        var result: [UUID: [StoredMember]] = [:]
        for row in rows {
            let member = StoredMember(
                id: try row.decode("member_id"), type: try row.decode("member_type"),
                display: try row.decodeIfPresent("display"))
            result[try row.decode("group_id"), default: []].append(member)
        }
        return result
    }

    /// One page of groups matching the request's filter, and the filtered total.
    public func list(_ request: PageRequest) throws -> Page<StoredGroup> {
        try Self.pagedQuery.run(request, base: scope, on: connection) { row in
            (try StoredGroup(row: row), try PagedQuery.cursor(row))
        }
    }

    /// A page's statements for one round trip (`TenantDatabase.read`): the total, the page and, with `withMembers`,
    /// the page's members; decode the results with `decodeList`.
    public func listStatements(_ request: PageRequest, withMembers: Bool) throws -> [PostgresQuery] {
        let (count, page) = try Self.pagedQuery.statements(request, base: scope)
        guard let page else { return [count] }
        guard withMembers else { return [count, page] }
        // The page again as a subquery: in one snapshot it names the same groups as the page itself.
        let pageIDs = PostgresQuery(unsafeSQL: "m.group_id IN (SELECT page.id FROM (") + page + ") AS page)"
        return [count, page, membersQuery(where: pageIDs) { _ in }]
    }

    public static func decodeList(
        _ results: [PostgresResult], _ request: PageRequest
    ) throws -> (page: Page<StoredGroup>, members: [UUID: [StoredMember]]?) {
        let page = try pagedQuery.page(
            request, countRows: results[0].rows, pageRows: results.count > 1 ? results[1].rows : nil
        ) { row in
            (try StoredGroup(row: row), try PagedQuery.cursor(row))
        }
        return (page, results.count > 2 ? try decodeMembers(results[2].rows) : nil)
    }

    static let pagedQuery = PagedQuery(
        alias: "g", table: "scim_groups", columns: StoredGroup.columns, map: .groups(alias: "g"))

    private static func displayName(_ attributes: JSONValue) throws -> String {
        guard let name = attributes["displayName"]?.stringValue, !name.isEmpty else {
            throw SCIMError.invalidValue("displayName is required for a group.")
        }
        return try IndexedText.checkedName(name, attribute: "displayName")
    }
}
