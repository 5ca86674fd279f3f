import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage

/// `/Users` (RFC 7644 §3): every write runs in one transaction together with its provisioning event.
struct SCIMUsersEndpoint: Sendable {
    let pool: PostgresPool
    let limits: SCIMLimits

    func list(_ context: SCIMRequestContext) throws -> HTTPResponse {
        let query = try SCIMListQuery(
            queryItems: context.queryItems, resourceType: .user, maxResults: limits.maxResults)
        return try respond(to: query, context)
    }

    func search(_ context: SCIMRequestContext) throws -> HTTPResponse {
        let query = try SCIMListQuery(
            searchBody: try context.body(), resourceType: .user, maxResults: limits.maxResults)
        return try respond(to: query, context)
    }

    func get(_ context: SCIMRequestContext, id: String) throws -> HTTPResponse {
        let userID = try Self.userID(id)
        // The user and their groups in one round trip: the groups of an id that is not a visible user are none.
        let results = try TenantDatabase(pool: pool, tenantID: context.principal.tenantID).read { tenant in
            let repository = tenant.users(for: context.principal.providerID)
            return [repository.findQuery(id: userID), repository.groupsQuery(of: [userID])]
        }
        guard let user = try TenantScopedUserRepository.decodeFound(results[0].rows) else { throw Self.notFound(id) }
        let groups = try TenantScopedUserRepository.decodeGroups(results[1].rows)[userID] ?? []
        if SCIMPreconditions.isNotModified(context.request, version: user.version) {
            return HTTPResponse(status: 304, headers: HTTPHeaders([("ETag", SCIMRenderer.etag(version: user.version))]))
        }
        let rendered = SCIMRenderer(baseURL: context.baseURL).user(user, groups: groups)
        return SCIMResponse.resource(context.projection(for: .user).apply(to: rendered), version: user.version)
    }

    func create(_ context: SCIMRequestContext) throws -> HTTPResponse {
        let attributes = try SCIMResourceNormalizer.normalizeUser(try context.body())
        let user = try TenantDatabase(pool: pool, tenantID: context.principal.tenantID).transaction { tenant in
            let user = try tenant.users(for: context.principal.providerID)
                .create(attributes: attributes, managingProviderID: context.principal.providerID)
            try record(.create, user.id, AttributeChanges.between(.object([:]), attributes), context, tenant)
            try GovernanceSync(transaction: tenant, providerID: context.principal.providerID).recompute([user.id])
            return user
        }
        let rendered = SCIMRenderer(baseURL: context.baseURL).user(user, groups: [])
        return SCIMResponse.resource(
            context.projection(for: .user).apply(to: rendered), status: 201, version: user.version,
            location: "\(context.baseURL)/Users/\(user.id.uuidString.lowercased())")
    }

    /// PUT replaces what the IdP owns; Okta sends back the whole object it read, `id`, `meta` and `groups`
    /// included, which the normaliser drops as read-only (RFC 7644 §3.5.1).
    func replace(_ context: SCIMRequestContext, id: String) throws -> HTTPResponse {
        let userID = try Self.userID(id)
        let attributes = try SCIMResourceNormalizer.normalizeUser(try context.body())
        return try write(context, userID: userID, operation: .replace) { _ in attributes }
    }

    func patch(_ context: SCIMRequestContext, id: String) throws -> HTTPResponse {
        let userID = try Self.userID(id)
        let request = try SCIMPatchRequest(json: try context.body(), maxOperations: limits.maxPatchOperations)
        return try write(context, userID: userID, operation: .patch) { current in
            try SCIMPatchEngine.applyToUser(request.operations, to: current)
        }
    }

    func delete(_ context: SCIMRequestContext, id: String) throws -> HTTPResponse {
        let userID = try Self.userID(id)
        try TenantDatabase(pool: pool, tenantID: context.principal.tenantID).transaction { tenant in
            let repository = tenant.users(for: context.principal.providerID)
            guard let user = try repository.find(id: userID, lock: true) else { throw Self.notFound(id) }
            try SCIMPreconditions.checkIfMatch(context.request, version: user.version)
            _ = try repository.delete(id: userID)
            try tenant.sessions.endAll(for: userID)
            try record(.delete, userID, [], context, tenant)
            try GovernanceSync(transaction: tenant, providerID: context.principal.providerID).recompute([userID])
        }
        return SCIMResponse.noContent()
    }

    /// Read, change and store one user under a row lock; a change that alters nothing writes nothing, so an IdP
    /// re-sending the same PATCH every cycle does not churn versions.
    private func write(
        _ context: SCIMRequestContext, userID: UUID, operation: ProvisioningEvent.Operation,
        _ change: (JSONValue) throws -> JSONValue
    ) throws -> HTTPResponse {
        let (user, groups) = try TenantDatabase(pool: pool, tenantID: context.principal.tenantID).transaction {
            tenant in
            let repository = tenant.users(for: context.principal.providerID)
            guard let current = try repository.find(id: userID, lock: true) else {
                throw Self.notFound(userID.uuidString.lowercased())
            }
            try SCIMPreconditions.checkIfMatch(context.request, version: current.version)
            let attributes = try change(current.attributes)
            var user = current
            let changed = AttributeChanges.between(current.attributes, attributes)
            // A person who arrived by OIDC sign-in is taken over by the first provider that writes them (the merge
            // the setup page promises after a 409), even when the write changes no attribute.
            let merging = current.managingProviderID == nil
            if !changed.isEmpty || merging {
                user = try repository.update(id: userID, attributes: attributes, currentUserName: current.userName)
                var kind: ProvisioningEvent.Operation =
                    user.active == current.active ? operation : (user.active ? .reactivate : .deactivate)
                if merging { kind = .merge }
                // Suspension ends every session in this transaction: no replica can serve one afterwards.
                if !user.active { try tenant.sessions.endAll(for: userID) }
                try record(kind, userID, changed, context, tenant)
                try GovernanceSync(transaction: tenant, providerID: context.principal.providerID).recompute([userID])
            }
            return (user, try repository.groups(of: [userID])[userID] ?? [])
        }
        let rendered = SCIMRenderer(baseURL: context.baseURL).user(user, groups: groups)
        return SCIMResponse.resource(context.projection(for: .user).apply(to: rendered), version: user.version)
    }

    private func respond(to query: SCIMListQuery, _ context: SCIMRequestContext) throws -> HTTPResponse {
        let request = try query.pageRequest(defaultCount: limits.maxResults)
        let projection = SCIMProjection(
            attributes: query.attributes, excludedAttributes: query.excludedAttributes, resourceType: .user)
        let needsGroups = projection.returns(attribute: "groups")
        // The total, the page and its users' groups in one snapshot and one round trip.
        let results = try TenantDatabase(pool: pool, tenantID: context.principal.tenantID).read(
            isolation: .repeatableRead
        ) { tenant in
            try tenant.users(for: context.principal.providerID).listStatements(request, withGroups: needsGroups)
        }
        let (page, groups) = try TenantScopedUserRepository.decodeList(results, request)
        let renderer = SCIMRenderer(baseURL: context.baseURL)
        let resources = page.items.map { projection.apply(to: renderer.user($0, groups: groups[$0.id] ?? [])) }
        return SCIMResponse.json(query.response(total: page.total, resources: resources, next: page.nextCursor).json)
    }

    private func record(
        _ operation: ProvisioningEvent.Operation, _ id: UUID, _ changed: [String], _ context: SCIMRequestContext,
        _ tenant: TenantTransaction
    ) throws {
        tenant.events.record(
            ProvisioningEvent(
                principal: context.principal, resourceType: .user, resourceID: id, operation: operation,
                changedAttributes: changed, requestID: context.requestID))
    }

    private static func userID(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw notFound(text) }
        return id
    }

    private static func notFound(_ id: String) -> SCIMError {
        SCIMError.notFound("User \(id) not found.")
    }
}
