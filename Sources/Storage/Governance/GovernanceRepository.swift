import Foundation
import Identity
import Postgres

/// Roles, teams, business units and memberships with provenance, inside one tenant transaction.
public struct GovernanceRepository {
    let connection: PostgresConnection
    let tenantID: UUID

    /// Gives a new tenant the system roles, with their fixed ids (Admin, Developer, Viewer).
    func seedSystemRoles() throws {
        for role in SystemRoles.all {
            try connection.query(
                """
                INSERT INTO roles (tenant_id, id, name, is_system) VALUES (\(tenantID), \(role.id), \(role.name), true)
                ON CONFLICT DO NOTHING
                """)
            let permissions = role.permissions.sorted { $0.description < $1.description }
            try connection.query(
                """
                INSERT INTO role_permissions (tenant_id, role_id, resource, operation)
                SELECT \(tenantID), \(role.id), p.resource, p.operation
                FROM unnest(\(permissions.map(\.resource))::text[], \(permissions.map(\.operation))::text[])
                    AS p (resource, operation)
                ON CONFLICT DO NOTHING
                """)
        }
    }

    public func roles() throws -> [Role] {
        try Self.decodeRoles(connection.query(rolesQuery).rows)
    }

    var rolesQuery: PostgresQuery {
        """
        SELECT r.id, r.name, r.is_system, p.resource, p.operation FROM roles r
        LEFT JOIN role_permissions p ON p.tenant_id = r.tenant_id AND p.role_id = r.id
        WHERE r.tenant_id = \(tenantID) ORDER BY r.is_system DESC, r.name, r.id
        """
    }

    static func decodeRoles(_ rows: [PostgresRow]) throws -> [Role] {
        var roles: [Role] = []
        for row in rows {
            let id: UUID = try row.decode("id")
            if roles.last?.id != id {
                roles.append(
                    Role(id: id, name: try row.decode("name"), permissions: [], isSystem: try row.decode("is_system")))
            }
            if let resource: String = try row.decodeIfPresent("resource") {
                roles[roles.count - 1].permissions.insert(
                    Permission(resource: resource, operation: try row.decode("operation")))
            }
        }
        return roles
    }

    public func providerGovernance(_ providerID: UUID) throws -> ProviderGovernance {
        let results = try connection.pipeline(providerGovernanceQueries(providerID))
        return try Self.decodeProviderGovernance(settings: results[0].rows, rules: results[1].rows)
    }

    /// The provider's settings and its mapping rules, in this order.
    func providerGovernanceQueries(_ providerID: UUID) -> [PostgresQuery] {
        [
            """
            SELECT role_strategy, groups_become_teams FROM oidc_providers
            WHERE tenant_id = \(tenantID) AND id = \(providerID)
            """,
            """
            SELECT id, kind, attribute, value, target, position FROM mapping_rules
            WHERE tenant_id = \(tenantID) AND provider_id = \(providerID) ORDER BY position, created_at, id
            """,
        ]
    }

    static func decodeProviderGovernance(settings: [PostgresRow], rules: [PostgresRow]) throws -> ProviderGovernance {
        let rules = try rules.map { row in
            MappingRule(
                id: try row.decode("id"), kind: MappingKind(rawValue: try row.decode("kind")) ?? .team,
                attribute: try row.decode("attribute"), value: try row.decode("value"),
                target: try row.decode("target"), position: try row.decode("position"))
        }
        return ProviderGovernance(
            strategy: RoleStrategy(rawValue: try settings.first?.decode("role_strategy") ?? "") ?? .mostPermissions,
            groupsBecomeTeams: try settings.first?.decode("groups_become_teams") ?? true, rules: rules)
    }

    /// Names of the teams or units a person holds through `source`.
    public func memberships(_ kind: MembershipKind, of userID: UUID, source: MembershipSource) throws -> [String] {
        try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT g.name FROM \(kind.memberTable) m
                    JOIN \(kind.table) g ON g.tenant_id = m.tenant_id AND g.id = m.\(kind.memberColumn)
                    WHERE m.tenant_id = 
                    """) + "\(tenantID) AND m.user_id = \(userID) AND m.source = \(source.rawValue) ORDER BY g.name"
        ).rows.map { try $0.decode("name", as: String.self) }
    }

    /// The teams or units each person holds through `source`, for many people in one statement; decode the rows
    /// with `decodeMemberships`.
    func membershipsQuery(_ kind: MembershipKind, of users: [UUID], source: MembershipSource) -> PostgresQuery {
        PostgresQuery(
            unsafeSQL: """
                SELECT m.user_id, g.name, g.id FROM \(kind.memberTable) m
                JOIN \(kind.table) g ON g.tenant_id = m.tenant_id AND g.id = m.\(kind.memberColumn)
                WHERE m.tenant_id = 
                """) + "\(tenantID) AND m.user_id = ANY(\(users)) AND m.source = \(source.rawValue)"
    }

    /// Each person's held names, exactly as stored, with the id of the team or unit each names.
    static func decodeMemberships(_ rows: [PostgresRow]) throws -> [UUID: [String: UUID]] {
        var result: [UUID: [String: UUID]] = [:]
        for row in rows {
            result[try row.decode("user_id"), default: [:]][try row.decode("name")] = try row.decode("id")
        }
        return result
    }

    /// Grants (person, name) pairs in two statements, creating the named teams or units that do not exist yet.
    func grantQueries(
        _ kind: MembershipKind, pairs: [(user: UUID, name: String)], source: MembershipSource, providerID: UUID?
    ) -> [PostgresQuery] {
        guard !pairs.isEmpty else { return [] }
        let names = Array(Set(pairs.map(\.name)))
        return [
            PostgresQuery(unsafeSQL: "INSERT INTO \(kind.table) (tenant_id, id, name) SELECT ")
                + "\(tenantID), gen_random_uuid(), n FROM unnest(\(names)::text[]) AS n "
                + "ON CONFLICT (tenant_id, lower(name)) DO NOTHING",
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO \(kind.memberTable) (tenant_id, \(kind.memberColumn), user_id, source, provider_id)
                    SELECT g.tenant_id, g.id, p.user_id, 
                    """)
                + "\(source.rawValue), \(providerID) FROM unnest(\(pairs.map(\.user))::uuid[], "
                + "\(pairs.map { $0.name.lowercased() })::text[]) AS p (user_id, name) "
                + PostgresQuery(unsafeSQL: "JOIN \(kind.table) g ON lower(g.name) = p.name AND g.tenant_id = ")
                + "\(tenantID) ON CONFLICT DO NOTHING",
        ]
    }

    /// Revokes, for each person, the memberships `source` granted in the listed teams or units: one statement per
    /// person, each naming its rows by primary key and person, so its plan cannot depend on statistics that still
    /// describe a nearly empty table (a tenant's first sync), which once made a set-based delete scan every
    /// SCIM membership of the tenant once per team.
    func revokeQueries(_ kind: MembershipKind, _ revokes: [UUID: [UUID]], source: MembershipSource) -> [PostgresQuery] {
        revokes.filter { !$0.value.isEmpty }.sorted { $0.key.uuidString < $1.key.uuidString }.map { user, ids in
            PostgresQuery(unsafeSQL: "DELETE FROM \(kind.memberTable) WHERE tenant_id = ")
                + "\(tenantID) AND user_id = \(user) AND source = \(source.rawValue) AND "
                + PostgresQuery(unsafeSQL: "\(kind.memberColumn) = ANY(") + "\(ids)::uuid[])"
        }
    }

    /// Each person's role and how it was given, for many people in one statement.
    func rolesQuery(of users: [UUID]) -> PostgresQuery {
        "SELECT id, role_id, role_source FROM users WHERE tenant_id = \(tenantID) AND id = ANY(\(users))"
    }

    static func decodeHeldRoles(_ rows: [PostgresRow]) throws -> [UUID: (id: UUID?, source: MembershipSource?)] {
        var result: [UUID: (id: UUID?, source: MembershipSource?)] = [:]
        for row in rows {
            let source: String? = try row.decodeIfPresent("role_source")
            result[try row.decode("id")] = (
                try row.decodeIfPresent("role_id"), source.flatMap(MembershipSource.init(rawValue:))
            )
        }
        return result
    }

    /// Names of the teams or units a person holds, however granted.
    public func allMemberships(_ kind: MembershipKind, of userID: UUID) throws -> [String] {
        try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT DISTINCT g.name FROM \(kind.memberTable) m
                    JOIN \(kind.table) g ON g.tenant_id = m.tenant_id AND g.id = m.\(kind.memberColumn)
                    WHERE m.tenant_id = 
                    """) + "\(tenantID) AND m.user_id = \(userID) ORDER BY g.name"
        ).rows.map { try $0.decode("name", as: String.self) }
    }

    /// Grants the named teams or units, creating those that do not exist yet (names compare ignoring case).
    public func grant(
        _ kind: MembershipKind, _ names: [String], to userID: UUID, source: MembershipSource, providerID: UUID?
    ) throws {
        guard !names.isEmpty else { return }
        try connection.query(
            PostgresQuery(unsafeSQL: "INSERT INTO \(kind.table) (tenant_id, id, name) SELECT ")
                + "\(tenantID), gen_random_uuid(), n FROM unnest(\(names)::text[]) AS n "
                + "ON CONFLICT (tenant_id, lower(name)) DO NOTHING")
        try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO \(kind.memberTable) (tenant_id, \(kind.memberColumn), user_id, source, provider_id)
                    SELECT g.tenant_id, g.id, 
                    """)
                + "\(userID), \(source.rawValue), \(providerID) "
                + PostgresQuery(unsafeSQL: "FROM \(kind.table) g WHERE g.tenant_id = ")
                + "\(tenantID) AND lower(g.name) = ANY(\(names.map { $0.lowercased() })::text[]) ON CONFLICT DO NOTHING"
        )
    }

    /// Revokes only the memberships `source` granted; other sources' grants of the same team stay.
    public func revoke(_ kind: MembershipKind, _ names: [String], from userID: UUID, source: MembershipSource) throws {
        guard !names.isEmpty else { return }
        try connection.query(
            PostgresQuery(unsafeSQL: "DELETE FROM \(kind.memberTable) m USING \(kind.table) g WHERE m.tenant_id = ")
                + "\(tenantID) AND m.user_id = \(userID) AND m.source = \(source.rawValue) "
                + "AND g.tenant_id = m.tenant_id"
                + PostgresQuery(unsafeSQL: " AND g.id = m.\(kind.memberColumn) AND lower(g.name) = ANY(")
                + "\(names.map { $0.lowercased() })::text[])")
    }

    /// The person's role and how it was given.
    public func role(of userID: UUID) throws -> (id: UUID?, source: MembershipSource?) {
        guard
            let row = try connection.query(
                "SELECT role_id, role_source FROM users WHERE tenant_id = \(tenantID) AND id = \(userID)"
            ).rows.first
        else { return (nil, nil) }
        let source: String? = try row.decodeIfPresent("role_source")
        return (try row.decodeIfPresent("role_id"), source.flatMap(MembershipSource.init(rawValue:)))
    }

    public func setRole(of userID: UUID, to roleID: UUID?, source: MembershipSource?) throws {
        try connection.query(setRoleQuery(of: userID, to: roleID, source: source))
    }

    func setRoleQuery(of userID: UUID, to roleID: UUID?, source: MembershipSource?) -> PostgresQuery {
        """
        UPDATE users SET role_id = \(roleID), role_source = \(source?.rawValue)
        WHERE tenant_id = \(tenantID) AND id = \(userID)
        """
    }

    /// Adds a mapping rule at the end of the provider's list unless a position is given.
    public func addRule(
        providerID: UUID, kind: Identity.MappingKind, attribute: String, value: String, target: String,
        position: Int? = nil
    ) throws -> MappingRule {
        let next = try connection.query(
            """
            SELECT COALESCE(max(position) + 1, 0) AS next FROM mapping_rules
            WHERE tenant_id = \(tenantID) AND provider_id = \(providerID)
            """
        ).rows[0].decode("next", as: Int.self)
        let rule = MappingRule(
            kind: kind, attribute: attribute, value: value, target: target, position: position ?? next)
        try rule.validate(roles: kind == .role ? try roles() : nil)
        try connection.query(
            """
            INSERT INTO mapping_rules (tenant_id, id, provider_id, kind, attribute, value, target, position)
            VALUES (\(tenantID), \(rule.id), \(providerID), \(kind.rawValue), \(rule.attribute), \(rule.value),
                \(rule.target), \(rule.position))
            """)
        return rule
    }

    /// Grants an administrator's membership; sync never revokes it.
    public func grantManually(_ kind: MembershipKind, _ name: String, to userID: UUID) throws {
        try grant(kind, [name], to: userID, source: .manual, providerID: nil)
    }
}
