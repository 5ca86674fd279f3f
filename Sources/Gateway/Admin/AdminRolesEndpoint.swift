import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage

/// `/tenants/{tenantId}/roles`: system roles (read-only) and custom roles with permissions from the catalog.
struct AdminRolesEndpoint: Sendable {
    let pool: PostgresPool

    func list(_ context: AdminRequestContext) throws -> HTTPResponse {
        let roles = try database(context).transaction { try $0.adminRoles.list() }
        return AdminResponse.json(AdminJSON.list(roles.map(AdminJSON.role)))
    }

    func get(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id("roleId", "role")
        guard let role = try database(context).transaction({ try $0.adminRoles.find(id: id) }) else {
            throw AdminAPIError(.notFound, "No role has the id \(id.uuidString.lowercased()).")
        }
        return AdminResponse.json(AdminJSON.role(role))
    }

    func create(_ context: AdminRequestContext) throws -> HTTPResponse {
        let body = try context.body(allowed: ["name", "permissions"])
        let name = try body.requiredString("name", maxLength: 100)
        let permissions = try Self.permissions(body, context) ?? []
        let role = try database(context).transaction { try $0.adminRoles.create(name: name, permissions: permissions) }
        return AdminResponse.json(AdminJSON.role(role), status: 201)
    }

    func update(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id("roleId", "role")
        let body = try context.body(allowed: ["name", "permissions"])
        let name = try body.string("name", maxLength: 100)
        let permissions = try Self.permissions(body, context)
        let role = try database(context).transaction {
            try $0.adminRoles.update(id: id, name: name, permissions: permissions)
        }
        return AdminResponse.json(AdminJSON.role(role))
    }

    func delete(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id("roleId", "role")
        try database(context).transaction { try $0.adminRoles.delete(id: id) }
        return AdminResponse.noContent()
    }

    /// The permissions catalog, for building roles.
    static func catalog(_ context: AdminRequestContext) -> HTTPResponse {
        let permissions = PermissionCatalog.operationsByResource.flatMap { entry in
            entry.operations.map { JSONValue.string(Permission(resource: entry.resource, operation: $0).description) }
        }
        return AdminResponse.json(AdminJSON.list(permissions))
    }

    /// `resource:operation` texts, parsed; whether the catalog holds them is the repository's check.
    private static func permissions(_ body: AdminRequestBody, _ context: AdminRequestContext) throws -> Set<Permission>?
    {
        guard let texts = try body.strings("permissions", maxCount: context.limits.maxListItems, maxLength: 100) else {
            return nil
        }
        return Set(
            try texts.map { text in
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw AdminAPIError.field("permissions", "an array of resource:operation texts")
                }
                return Permission(resource: String(parts[0]), operation: String(parts[1]))
            })
    }

    private func database(_ context: AdminRequestContext) throws -> TenantDatabase {
        TenantDatabase(pool: pool, tenantID: try context.tenantID())
    }
}
