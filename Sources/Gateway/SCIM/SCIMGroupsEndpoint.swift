import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage

/// `/Groups` (RFC 7644 §3). Members are rows; a membership change touches only the rows it changes, and members are
/// read only when the response includes them (Entra asks with `excludedAttributes=members`).
struct SCIMGroupsEndpoint: Sendable {
    let pool: PostgresPool
    let limits: SCIMLimits

    func list(_ context: SCIMRequestContext) throws -> HTTPResponse {
        let query = try SCIMListQuery(
            queryItems: context.queryItems, resourceType: .group, maxResults: limits.maxResults)
        return try respond(to: query, context)
    }

    func search(_ context: SCIMRequestContext) throws -> HTTPResponse {
        let query = try SCIMListQuery(
            searchBody: try context.body(), resourceType: .group, maxResults: limits.maxResults)
        return try respond(to: query, context)
    }

    func get(_ context: SCIMRequestContext, id: String) throws -> HTTPResponse {
        let groupID = try Self.groupID(id)
        let projection = context.projection(for: .group)
        let (group, members) = try TenantDatabase(pool: pool, tenantID: context.principal.tenantID).transaction {
            tenant in
            let repository = tenant.groups(for: context.principal.providerID)
            guard let group = try repository.find(id: groupID) else { throw Self.notFound(id) }
            return (
                group, Self.includesMembers(projection) ? try repository.members(of: [groupID])[groupID] ?? [] : nil
            )
        }
        if SCIMPreconditions.isNotModified(context.request, version: group.version) {
            return HTTPResponse(
                status: 304, headers: HTTPHeaders([("ETag", SCIMRenderer.etag(version: group.version))]))
        }
        let rendered = SCIMRenderer(baseURL: context.baseURL).group(group, members: members)
        return SCIMResponse.resource(projection.apply(to: rendered), version: group.version)
    }

    func create(_ context: SCIMRequestContext) throws -> HTTPResponse {
        let (attributes, members) = try SCIMResourceNormalizer.normalizeGroup(try context.body())
        try checkMemberCount(members.count)
        let (group, storedMembers) = try TenantDatabase(pool: pool, tenantID: context.principal.tenantID).transaction {
            tenant in
            let repository = tenant.groups(for: context.principal.providerID)
            let group = try repository.create(attributes: attributes, managingProviderID: context.principal.providerID)
            let change = SCIMMembershipChange(replaceAll: nil, add: members, remove: [], removeAll: false)
            let outcome = try repository.applyMembership(change, groupID: group.id)
            let changed = AttributeChanges.between(.object([:]), attributes) + (members.isEmpty ? [] : ["members"])
            try record(.create, group.id, changed, context, tenant)
            tenant.users.groupsChanged(of: outcome.changedMembers)
            try GovernanceSync(transaction: tenant, providerID: context.principal.providerID)
                .recompute(outcome.changedMembers)
            return (group, try repository.members(of: [group.id])[group.id] ?? [])
        }
        let rendered = SCIMRenderer(baseURL: context.baseURL).group(group, members: storedMembers)
        return SCIMResponse.resource(
            context.projection(for: .group).apply(to: rendered), status: 201, version: group.version,
            location: "\(context.baseURL)/Groups/\(group.id.uuidString.lowercased())")
    }

    /// PUT replaces the attributes and, when the body carries `members`, the whole member list (Okta's App
    /// Integration Wizard apps manage membership this way). A body without `members` keeps them, so a client that
    /// never sends members cannot empty a group by renaming it.
    func replace(_ context: SCIMRequestContext, id: String) throws -> HTTPResponse {
        let groupID = try Self.groupID(id)
        let body = try context.body()
        let (attributes, members) = try SCIMResourceNormalizer.normalizeGroup(body)
        try checkMemberCount(members.count)
        let carriesMembers = body.objectValue?.keys.contains { $0.lowercased() == "members" } ?? false
        let change = SCIMMembershipChange(
            replaceAll: carriesMembers ? members : nil, add: [], remove: [], removeAll: false)
        return try write(context, groupID: groupID, operation: .replace) { _ in (attributes, change) }
    }

    func patch(_ context: SCIMRequestContext, id: String) throws -> HTTPResponse {
        let groupID = try Self.groupID(id)
        let request = try SCIMPatchRequest(json: try context.body(), maxOperations: limits.maxPatchOperations)
        return try write(context, groupID: groupID, operation: .patch) { current in
            let result = try SCIMPatchEngine.applyToGroup(request.operations, to: current)
            try checkMemberCount((result.membership.replaceAll?.count ?? 0) + result.membership.add.count)
            return result
        }
    }

    func delete(_ context: SCIMRequestContext, id: String) throws -> HTTPResponse {
        let groupID = try Self.groupID(id)
        try TenantDatabase(pool: pool, tenantID: context.principal.tenantID).transaction { tenant in
            let repository = tenant.groups(for: context.principal.providerID)
            guard let group = try repository.find(id: groupID, lock: true) else { throw Self.notFound(id) }
            try SCIMPreconditions.checkIfMatch(context.request, version: group.version)
            let members = try repository.memberUserIDs(of: groupID)
            _ = try repository.delete(id: groupID)
            try record(.delete, groupID, [], context, tenant)
            tenant.users.groupsChanged(of: members)
            try GovernanceSync(transaction: tenant, providerID: context.principal.providerID).recompute(members)
        }
        return SCIMResponse.noContent()
    }

    private func write(
        _ context: SCIMRequestContext, groupID: UUID, operation: ProvisioningEvent.Operation,
        _ change: (JSONValue) throws -> (attributes: JSONValue, membership: SCIMMembershipChange)
    ) throws -> HTTPResponse {
        let projection = context.projection(for: .group)
        let (group, members) = try TenantDatabase(pool: pool, tenantID: context.principal.tenantID).transaction {
            tenant -> (StoredGroup, EchoedMembers) in
            let repository = tenant.groups(for: context.principal.providerID)
            guard let current = try repository.find(id: groupID, lock: true) else {
                throw Self.notFound(groupID.uuidString.lowercased())
            }
            try SCIMPreconditions.checkIfMatch(context.request, version: current.version)
            let (attributes, membership) = try change(current.attributes)
            let outcome = try repository.applyMembership(membership, groupID: groupID)
            var changed = AttributeChanges.between(current.attributes, attributes)
            if outcome.added + outcome.removed > 0 { changed.append("members") }
            var group = current
            if !changed.isEmpty {
                group = try repository.update(id: groupID, attributes: attributes)
                try record(Self.operation(operation, changed, outcome), groupID, changed, context, tenant)
                // A rename changes the team and the `groups` of every member; any change touches the members that
                // came or went (a rename may come with removals in one PATCH).
                var affected = outcome.changedMembers
                if current.displayName != group.displayName {
                    affected.formUnion(try repository.memberUserIDs(of: groupID))
                }
                tenant.users.groupsChanged(of: affected)
                try GovernanceSync(transaction: tenant, providerID: context.principal.providerID).recompute(affected)
            }
            guard Self.includesMembers(projection) else { return (group, .omitted) }
            guard let members = try repository.members(of: groupID, unlessMoreThan: limits.maxEchoedMembers) else {
                return (group, .tooManyToEcho)
            }
            return (group, .listed(members))
        }
        switch members {
        case .tooManyToEcho:
            // RFC 7644 §3.5.2 allows 204 after a PATCH; rendering 100,000 members would make a one-member change cost
            // as much as reading the whole group.
            var response = SCIMResponse.noContent()
            response.headers.add(name: "ETag", value: SCIMRenderer.etag(version: group.version))
            return response
        case .omitted, .listed:
            let rendered = SCIMRenderer(baseURL: context.baseURL).group(group, members: members.list)
            return SCIMResponse.resource(projection.apply(to: rendered), version: group.version)
        }
    }

    private func respond(to query: SCIMListQuery, _ context: SCIMRequestContext) throws -> HTTPResponse {
        let request = try query.pageRequest(defaultCount: limits.maxResults)
        let projection = SCIMProjection(
            attributes: query.attributes, excludedAttributes: query.excludedAttributes, resourceType: .group)
        // The total, the page and its members in one snapshot and one round trip.
        let results = try TenantDatabase(pool: pool, tenantID: context.principal.tenantID).read(
            isolation: .repeatableRead
        ) { tenant in
            try tenant.groups(for: context.principal.providerID).listStatements(
                request, withMembers: Self.includesMembers(projection))
        }
        let (page, members) = try TenantScopedGroupRepository.decodeList(results, request)
        let renderer = SCIMRenderer(baseURL: context.baseURL)
        let resources = page.items.map { group in
            projection.apply(to: renderer.group(group, members: members.map { $0[group.id] ?? [] }))
        }
        return SCIMResponse.json(query.response(total: page.total, resources: resources, next: page.nextCursor).json)
    }

    /// What a write's answer says about members.
    private enum EchoedMembers {
        case omitted
        case listed([StoredMember])
        case tooManyToEcho

        var list: [StoredMember]? {
            if case .listed(let members) = self { return members }
            return nil
        }
    }

    private func checkMemberCount(_ count: Int) throws {
        guard count <= limits.maxMembersPerRequest else {
            throw SCIMError(
                status: 400, scimType: .tooMany,
                detail: "At most \(limits.maxMembersPerRequest) members may be changed in one request.")
        }
    }

    private static func operation(
        _ requested: ProvisioningEvent.Operation, _ changed: [String], _ outcome: MembershipOutcome
    ) -> ProvisioningEvent.Operation {
        guard changed == ["members"], requested == .patch else { return requested }
        if outcome.removed == 0 { return .addMembers }
        if outcome.added == 0 { return .removeMembers }
        return requested
    }

    private static func includesMembers(_ projection: SCIMProjection) -> Bool {
        projection.returns(attribute: "members")
    }

    private func record(
        _ operation: ProvisioningEvent.Operation, _ id: UUID, _ changed: [String], _ context: SCIMRequestContext,
        _ tenant: TenantTransaction
    ) throws {
        tenant.events.record(
            ProvisioningEvent(
                principal: context.principal, resourceType: .group, resourceID: id, operation: operation,
                changedAttributes: changed, requestID: context.requestID))
    }

    private static func groupID(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw notFound(text) }
        return id
    }

    private static func notFound(_ id: String) -> SCIMError {
        SCIMError.notFound("Group \(id) not found.")
    }
}
