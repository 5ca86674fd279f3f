import Foundation
import HTTPServer
import Postgres
import SCIM
import Storage

/// `/tenants/{tenantId}/users`: people with their governance view, and administrators' manual grants.
///
/// Manual grants are recorded with source `manual`: SCIM and sign-in syncs never revoke them, and a manual role is
/// never replaced by a mapped one.
struct AdminUsersEndpoint: Sendable {
    let pool: PostgresPool

    func list(_ context: AdminRequestContext) throws -> HTTPResponse {
        let search = context.query("search")
        if let search, search.count > context.limits.maxNameLength || search.unicodeScalars.contains("\u{0}") {
            throw AdminAPIError.parameter("search", "at most \(context.limits.maxNameLength) characters")
        }
        let page = try context.page()
        let people = try database(context).transaction { try $0.adminUsers.list(search: search, page) }
        return AdminResponse.json(AdminJSON.page(people, AdminJSON.userSummary))
    }

    func get(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id("userId", "user")
        return AdminResponse.json(AdminJSON.userDetail(try detail(id, context)))
    }

    /// Gives the person a manual role and answers with the person.
    func assignRole(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id("userId", "user")
        let body = try context.body(allowed: ["role_id"])
        guard let roleID = try body.uuid("role_id") else { throw AdminAPIError(.invalidField, "role_id is required.") }
        let user = try database(context).transaction { tenant in
            try tenant.adminGrants.assignRole(roleID, to: id)
            return try tenant.adminUsers.detail(id: id)
        }
        return AdminResponse.json(AdminJSON.userDetail(try found(user, id)))
    }

    func removeRole(_ context: AdminRequestContext) throws -> HTTPResponse {
        let id = try context.id("userId", "user")
        let user = try database(context).transaction { tenant in
            try tenant.adminGrants.removeRole(from: id)
            return try tenant.adminUsers.detail(id: id)
        }
        return AdminResponse.json(AdminJSON.userDetail(try found(user, id)))
    }

    /// Adds a manual membership of a team or unit named by `id` or by `name` (created when missing): 201 when the
    /// manual grant is new, 200 when the person already held it manually.
    func grant(_ kind: MembershipKind, _ context: AdminRequestContext) throws -> HTTPResponse {
        let userID = try context.id("userId", "user")
        let body = try context.body(allowed: ["id", "name"])
        let groupingID = try body.uuid("id")
        let name = try body.string("name", maxLength: context.limits.maxNameLength)
        guard (groupingID == nil) != (name == nil) else {
            throw AdminAPIError(.invalidField, "Give exactly one of id and name.")
        }
        let (membership, created) = try database(context).transaction {
            try $0.adminGrants.grant(kind, groupingID: groupingID, name: name, to: userID)
        }
        return AdminResponse.json(AdminJSON.membership(membership), status: created ? 201 : 200)
    }

    func revoke(_ kind: MembershipKind, _ context: AdminRequestContext) throws -> HTTPResponse {
        let userID = try context.id("userId", "user")
        let groupingID = try context.id(kind == .team ? "teamId" : "businessUnitId", kind == .team ? "team" : "unit")
        try database(context).transaction { try $0.adminGrants.revoke(kind, groupingID: groupingID, from: userID) }
        return AdminResponse.noContent()
    }

    private func detail(_ id: UUID, _ context: AdminRequestContext) throws -> AdminUserDetail {
        try found(try database(context).transaction { try $0.adminUsers.detail(id: id) }, id)
    }

    private func found(_ user: AdminUserDetail?, _ id: UUID) throws -> AdminUserDetail {
        guard let user else { throw AdminAPIError(.notFound, "No user has the id \(id.uuidString.lowercased()).") }
        return user
    }

    private func database(_ context: AdminRequestContext) throws -> TenantDatabase {
        TenantDatabase(pool: pool, tenantID: try context.tenantID())
    }
}
