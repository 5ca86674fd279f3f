import Foundation
import HTTPServer
import Postgres
import SCIM
import Storage

/// `/tenants/{tenantId}/teams` and `/business-units`: one shape, a named collection of people with provenance.
struct AdminGroupingsEndpoint: Sendable {
    let pool: PostgresPool
    let kind: MembershipKind

    private var noun: String { kind == .team ? "team" : "business unit" }
    private var parameter: String { kind == .team ? "teamId" : "businessUnitId" }

    func list(_ context: AdminRequestContext) throws -> HTTPResponse {
        let page = try context.page()
        let groupings = try database(context).transaction { try $0.adminGroupings(kind).list(page) }
        return AdminResponse.json(AdminJSON.page(groupings, AdminJSON.grouping))
    }

    /// The team or unit with one page of its members (`limit`, `cursor` page the members).
    func get(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id(parameter, noun)
        let page = try context.page()
        let (grouping, members) = try database(context).transaction { tenant in
            let repository = tenant.adminGroupings(kind)
            guard let grouping = try repository.find(id: id) else {
                throw AdminAPIError(.notFound, "No \(noun) has the id \(id.uuidString.lowercased()).")
            }
            return (grouping, try repository.members(of: id, page))
        }
        return AdminResponse.json(AdminJSON.grouping(grouping, members: members))
    }

    func create(_ context: AdminRequestContext) throws -> HTTPResponse {
        let body = try context.body(allowed: ["name"])
        let name = try body.requiredString("name", maxLength: context.limits.maxNameLength)
        let grouping = try database(context).transaction { try $0.adminGroupings(kind).create(name: name) }
        return AdminResponse.json(AdminJSON.grouping(grouping), status: 201)
    }

    func delete(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id(parameter, noun)
        try database(context).transaction { try $0.adminGroupings(kind).delete(id: id) }
        return AdminResponse.noContent()
    }

    private func database(_ context: AdminRequestContext) throws -> TenantDatabase {
        TenantDatabase(pool: pool, tenantID: try context.tenantID())
    }
}
