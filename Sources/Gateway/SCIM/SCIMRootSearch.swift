import Foundation
import HTTPServer
import Postgres
import SCIM
import Storage

/// `POST /.search` at the service root (RFC 7644 §3.4.3): one page over users, then groups.
///
/// A filter naming an attribute only one resource type has selects nothing of the other type; a filter that suits
/// neither is the client's error.
struct SCIMRootSearch: Sendable {
    let pool: PostgresPool
    let limits: SCIMLimits

    func search(_ context: SCIMRequestContext) throws -> HTTPResponse {
        let body = try context.body()
        let userQuery = Result {
            try SCIMListQuery(searchBody: body, resourceType: .user, maxResults: limits.maxResults)
        }
        let groupQuery = Result {
            try SCIMListQuery(searchBody: body, resourceType: .group, maxResults: limits.maxResults)
        }
        // Paging and projection parameters do not depend on the type; the first query that parsed carries them.
        let query: SCIMListQuery
        if let parsed = try? userQuery.get() {
            query = parsed
        } else {
            query = try groupQuery.get()
        }
        let offset = query.startIndex - 1
        let limit = query.count ?? limits.maxResults
        let renderer = SCIMRenderer(baseURL: context.baseURL)

        let resources: [JSONValue]
        let total: Int
        (total, resources) = try TenantDatabase(pool: pool, tenantID: context.principal.tenantID).transaction(
            isolation: .repeatableRead
        ) {
            tenant in
            let users = tenant.users(for: context.principal.providerID)
            let groups = tenant.groups(for: context.principal.providerID)
            var resources: [JSONValue] = []
            var userTotal = 0
            if let userQuery = try? userQuery.get() {
                let page = try users.list(
                    PageRequest(
                        filter: userQuery.filter, sortBy: userQuery.sortBy,
                        descending: userQuery.sortOrder == .descending, offset: offset, limit: limit))
                userTotal = page.total
                let memberships = try users.groups(of: page.items.map(\.id))
                let projection = SCIMProjection(
                    attributes: query.attributes, excludedAttributes: query.excludedAttributes, resourceType: .user)
                resources += page.items.map {
                    projection.apply(to: renderer.user($0, groups: memberships[$0.id] ?? []))
                }
            }
            var groupTotal = 0
            if let groupQuery = try? groupQuery.get() {
                let page = try groups.list(
                    PageRequest(
                        filter: groupQuery.filter, sortBy: groupQuery.sortBy,
                        descending: groupQuery.sortOrder == .descending, offset: max(0, offset - userTotal),
                        limit: max(0, limit - resources.count)))
                groupTotal = page.total
                let members = try groups.members(of: page.items.map(\.id))
                let projection = SCIMProjection(
                    attributes: query.attributes, excludedAttributes: query.excludedAttributes, resourceType: .group)
                resources += page.items.map { projection.apply(to: renderer.group($0, members: members[$0.id] ?? [])) }
            }
            return (userTotal + groupTotal, resources)
        }
        return SCIMResponse.json(
            SCIMListResponse(totalResults: total, startIndex: query.startIndex, resources: resources).json)
    }
}
