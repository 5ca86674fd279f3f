import Foundation
import Identity
import Postgres

/// A tenant's roles for administrators, inside one tenant transaction.
///
/// System roles (Admin, Developer, Viewer) cannot be changed or deleted. A custom role that a mapping rule names
/// cannot be renamed or deleted until the rule changes, since the rule would silently stop giving it. Deleting a role
/// takes it from the people holding it; the next SCIM write or sign-in maps them again.
public struct AdminRoleRepository {
    let transaction: TenantTransaction

    private var connection: PostgresConnection { transaction.connection }
    private var tenantID: UUID { transaction.tenantID }

    /// System roles first, then custom ones by name.
    public func list() throws -> [Role] {
        try transaction.governance.roles()
    }

    public func find(id: UUID) throws -> Role? {
        try list().first { $0.id == id }
    }

    public func create(name: String, permissions: Set<Permission>) throws -> Role {
        try Self.checkCatalog(permissions)
        let id = UUID()
        let inserted = try connection.query(
            """
            INSERT INTO roles (tenant_id, id, name) VALUES (\(tenantID), \(id), \(name))
            ON CONFLICT (tenant_id, lower(name)) DO NOTHING
            """
        ).affectedRows
        guard inserted == 1 else { throw Self.nameTaken }
        try replacePermissions(of: id, with: permissions)
        return Role(id: id, name: name, permissions: permissions)
    }

    /// Renames the role and/or replaces its permissions.
    public func update(id: UUID, name: String?, permissions: Set<Permission>?) throws -> Role {
        var role = try requireCustom(id)
        if let name, name != role.name {
            if name.lowercased() != role.name.lowercased() { try refuseIfNamedByRules(role) }
            let taken = try connection.query(
                """
                SELECT 1 AS present FROM roles WHERE tenant_id = \(tenantID) AND lower(name) = lower(\(name)::text)
                AND id <> \(id)
                """
            ).rows
            guard taken.isEmpty else { throw Self.nameTaken }
            try connection.query("UPDATE roles SET name = \(name) WHERE tenant_id = \(tenantID) AND id = \(id)")
            role.name = name
        }
        if let permissions {
            try Self.checkCatalog(permissions)
            try replacePermissions(of: id, with: permissions)
            role.permissions = permissions
        }
        return role
    }

    public func delete(id: UUID) throws {
        let role = try requireCustom(id)
        try refuseIfNamedByRules(role)
        try connection.query(
            """
            UPDATE users SET role_id = NULL, role_source = NULL WHERE tenant_id = \(tenantID) AND role_id = \(id)
            """)
        try connection.query("DELETE FROM roles WHERE tenant_id = \(tenantID) AND id = \(id)")
    }

    /// The custom role, locked for the change; system roles and unknown ids are refused.
    private func requireCustom(_ id: UUID) throws -> Role {
        let locked = try connection.query(
            "SELECT is_system FROM roles WHERE tenant_id = \(tenantID) AND id = \(id) FOR UPDATE"
        ).rows
        guard let row = locked.first, let role = try find(id: id) else { throw AdminStoreError.notFound("role", id) }
        guard try !row.decode("is_system", as: Bool.self) else {
            throw AdminStoreError(.systemRole, "System roles (Admin, Developer, Viewer) cannot be changed or deleted.")
        }
        return role
    }

    private func refuseIfNamedByRules(_ role: Role) throws {
        let named = try connection.query(
            """
            SELECT 1 AS present FROM mapping_rules
            WHERE tenant_id = \(tenantID) AND kind = 'role' AND lower(btrim(target)) = lower(\(role.name)::text) LIMIT 1
            """
        ).rows
        guard named.isEmpty else {
            throw AdminStoreError(.roleInUse, "Mapping rules name this role; change or delete those rules first.")
        }
    }

    private func replacePermissions(of id: UUID, with permissions: Set<Permission>) throws {
        try connection.query("DELETE FROM role_permissions WHERE tenant_id = \(tenantID) AND role_id = \(id)")
        let sorted = permissions.sorted { $0.description < $1.description }
        guard !sorted.isEmpty else { return }
        try connection.query(
            """
            INSERT INTO role_permissions (tenant_id, role_id, resource, operation)
            SELECT \(tenantID), \(id), p.resource, p.operation
            FROM unnest(\(sorted.map(\.resource))::text[], \(sorted.map(\.operation))::text[]) AS p (resource, operation)
            """)
    }

    private static func checkCatalog(_ permissions: Set<Permission>) throws {
        if let unknown = permissions.sorted(by: { $0.description < $1.description })
            .first(where: { !PermissionCatalog.contains($0) })
        {
            throw AdminStoreError(.unknownPermission, "The permission \(unknown) is not in the catalog.")
        }
    }

    private static let nameTaken = AdminStoreError(.nameTaken, "A role with this name already exists.")
}
