import HTTPServer
import Postgres
import Storage

/// `/tenants`: listing and creating tenants needs a deployment key; a tenant key may read its own tenant.
struct AdminTenantsEndpoint: Sendable {
    let pool: PostgresPool

    func list(_ context: AdminRequestContext) throws -> HTTPResponse {
        AdminResponse.json(
            AdminJSON.page(try AdminTenantDirectory(pool: pool).list(try context.page()), AdminJSON.tenant))
    }

    func create(_ context: AdminRequestContext) throws -> HTTPResponse {
        let body = try context.body(allowed: ["name"])
        let name = try body.requiredString("name", maxLength: context.limits.maxNameLength)
        let tenant = try AdminTenantDirectory(pool: pool).create(name: name)
        return AdminResponse.json(AdminJSON.tenant(tenant), status: 201)
    }

    func get(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.tenantID()
        guard let tenant = try AdminTenantDirectory(pool: pool).find(id: id) else {
            throw AdminAPIError(.notFound, "No tenant has the id \(id.uuidString.lowercased()).")
        }
        return AdminResponse.json(AdminJSON.tenant(tenant))
    }
}
