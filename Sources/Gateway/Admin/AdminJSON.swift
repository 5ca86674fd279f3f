import Foundation
import Identity
import SCIM
import Storage

/// The admin API's JSON renderings. Field names are snake_case; absent optional values are JSON null, so every
/// documented field is always present. Times are RFC 3339 in UTC.
enum AdminJSON {
    static func page<Item>(_ page: AdminPage<Item>, _ render: (Item) -> JSONValue) -> JSONValue {
        ["items": .array(page.items.map(render)), "next_cursor": optional(page.nextCursor?.token)]
    }

    static func list(_ items: [JSONValue]) -> JSONValue {
        ["items": .array(items)]
    }

    static func tenant(_ tenant: AdminTenantRecord) -> JSONValue {
        ["id": id(tenant.id), "name": .string(tenant.name), "created_at": time(tenant.createdAt)]
    }

    static func provider(_ provider: AdminProviderRecord, scimEndpoint: String) -> JSONValue {
        [
            "id": id(provider.id), "tenant_id": id(provider.tenantID), "name": .string(provider.name),
            "issuer": optional(provider.issuer), "client_id": optional(provider.clientID),
            "provisioning_mode": .string(provider.provisioningMode.rawValue),
            "role_strategy": .string(provider.roleStrategy.rawValue),
            "groups_become_teams": .bool(provider.groupsBecomeTeams),
            "scim": [
                "enabled": .bool(provider.scimEnabled),
                "endpoint": provider.scimEnabled ? .string(scimEndpoint) : .null,
                "token_prefix": optional(provider.tokenPrefix),
                "token_created_at": provider.tokenCreatedAt.map(time) ?? .null,
            ],
            "created_at": time(provider.createdAt), "updated_at": time(provider.updatedAt),
        ]
    }

    static func rule(_ rule: MappingRule, providerID: UUID) -> JSONValue {
        [
            "id": id(rule.id), "provider_id": id(providerID), "kind": .string(rule.kind.rawValue),
            "attribute": .string(rule.attribute), "value": .string(rule.value), "target": .string(rule.target),
            "position": .integer(Int64(rule.position)),
        ]
    }

    static func userSummary(_ user: AdminUserSummary) -> JSONValue {
        [
            "id": id(user.id), "user_name": .string(user.userName), "display_name": optional(user.displayName),
            "status": .string(user.status), "managing_provider": user.managingProvider.map(reference) ?? .null,
            "role": user.role.map(role) ?? .null, "teams": .array(user.teams.map(JSONValue.string)),
            "business_units": .array(user.businessUnits.map(JSONValue.string)),
            "last_sign_in_at": user.lastSignInAt.map(time) ?? .null,
        ]
    }

    static func userDetail(_ user: AdminUserDetail) -> JSONValue {
        [
            "id": id(user.id), "user_name": .string(user.userName), "display_name": optional(user.displayName),
            "external_id": optional(user.externalID), "status": .string(user.status), "active": .bool(user.active),
            "deleted": .bool(user.deleted), "origin": .string(user.origin),
            "managing_provider": user.managingProvider.map(reference) ?? .null, "role": user.role.map(role) ?? .null,
            "teams": .array(user.teams.map(membership)), "business_units": .array(user.businessUnits.map(membership)),
            "last_sign_in_at": user.lastSignInAt.map(time) ?? .null, "created_at": time(user.createdAt),
            "updated_at": time(user.updatedAt),
        ]
    }

    static func membership(_ membership: AdminMembership) -> JSONValue {
        ["id": id(membership.id), "name": .string(membership.name), "grants": .array(membership.grants.map(grant))]
    }

    static func grant(_ grant: AdminGrant) -> JSONValue {
        [
            "source": .string(grant.source.rawValue), "provider_id": grant.providerID.map(id) ?? .null,
            "granted_at": time(grant.grantedAt),
        ]
    }

    static func grouping(_ grouping: AdminGroupingRecord) -> JSONValue {
        .object(groupingMembers(grouping))
    }

    /// A team or unit with one page of its members.
    static func grouping(_ grouping: AdminGroupingRecord, members: AdminPage<AdminGroupingMember>) -> JSONValue {
        var json = groupingMembers(grouping)
        json["members"] = page(members, member)
        return .object(json)
    }

    private static func groupingMembers(_ grouping: AdminGroupingRecord) -> [String: JSONValue] {
        var bySource: [String: JSONValue] = [:]
        for source in MembershipSource.allCases {
            bySource[source.rawValue] = .integer(Int64(grouping.grantsBySource[source] ?? 0))
        }
        return [
            "id": id(grouping.id), "name": .string(grouping.name), "created_at": time(grouping.createdAt),
            "member_count": .integer(Int64(grouping.memberCount)), "grants_by_source": .object(bySource),
        ]
    }

    static func member(_ member: AdminGroupingMember) -> JSONValue {
        [
            "id": id(member.id), "user_name": .string(member.userName), "display_name": optional(member.displayName),
            "status": .string(member.status), "grants": .array(member.grants.map(grant)),
        ]
    }

    static func role(_ role: Role) -> JSONValue {
        [
            "id": id(role.id), "name": .string(role.name), "is_system": .bool(role.isSystem),
            "permissions": .array(role.permissions.map(\.description).sorted().map(JSONValue.string)),
        ]
    }

    static func event(_ event: AdminEventRecord) -> JSONValue {
        [
            "id": .integer(event.id), "provider_id": event.providerID.map(id) ?? .null,
            "token_id": event.tokenID.map(id) ?? .null, "resource_type": .string(event.resourceType),
            "resource_id": id(event.resourceID), "operation": .string(event.operation),
            "changed_attributes": .array(event.changedAttributes.map(JSONValue.string)),
            "request_id": optional(event.requestID), "occurred_at": time(event.occurredAt),
        ]
    }

    static func logEntry(_ entry: AdminProvisioningLogEntry) -> JSONValue {
        [
            "id": .integer(entry.id), "request_id": .string(entry.requestID), "method": .string(entry.method),
            "route": .string(entry.route), "status": .integer(Int64(entry.status)), "dialect": .string(entry.dialect),
            "quirks": .array(entry.quirks.map(JSONValue.string)), "request": entry.request ?? .null,
            "response": entry.response ?? .null, "duration_ms": .double(entry.durationMilliseconds),
            "occurred_at": time(entry.occurredAt),
        ]
    }

    private static func role(_ assignment: AdminRoleAssignment) -> JSONValue {
        [
            "id": id(assignment.id), "name": .string(assignment.name),
            "source": optional(assignment.source?.rawValue),
        ]
    }

    private static func reference(_ reference: AdminReference) -> JSONValue {
        ["id": id(reference.id), "name": .string(reference.name)]
    }

    static func id(_ id: UUID) -> JSONValue { .string(id.uuidString.lowercased()) }

    static func time(_ date: Date) -> JSONValue { .string(SCIMDateTime.format(date)) }

    private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}
