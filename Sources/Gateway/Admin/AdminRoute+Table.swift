import SCIM

extension AdminRoute {
    private static let paging = [
        Parameter(
            name: "limit", schema: ["type": "integer", "minimum": 1, "default": 50],
            description: "Items per page; values above 200 are clamped."),
        Parameter(
            name: "cursor", schema: ["type": "string"], description: "The next_cursor of the previous page."),
    ]

    private static let tenantPath = "/tenants/{tenantId}"
    private static let providerPath = tenantPath + "/providers/{providerId}"
    private static let userPath = tenantPath + "/users/{userId}"

    /// Every admin API operation. The router matches these and the OpenAPI document describes exactly these.
    static let all: [AdminRoute] =
        meta + tenants + providers + mappingRules + users + groupings(team: true) + groupings(team: false) + roles
        + events

    private static let meta: [AdminRoute] = [
        AdminRoute(
            method: "GET", path: "/openapi.json", operationID: "getOpenAPIDocument", tag: "Meta",
            summary: "This API's OpenAPI 3.1 document", access: .open, responseSchema: "OpenAPIDocument"
        ) { _, _ in AdminResponse.bytes(AdminOpenAPI.documentBytes) },
        AdminRoute(
            method: "GET", path: "/permissions", operationID: "listPermissions", tag: "Meta",
            summary: "The permissions custom roles may hold, as resource:operation", access: .anyKey,
            responseSchema: "PermissionList"
        ) { _, context in AdminRolesEndpoint.catalog(context) },
    ]

    private static let tenants: [AdminRoute] = [
        AdminRoute(
            method: "GET", path: "/tenants", operationID: "listTenants", tag: "Tenants",
            summary: "List tenants (deployment key)", access: .deployment, query: paging, responseSchema: "TenantPage"
        ) { try $0.tenants.list($1) },
        AdminRoute(
            method: "POST", path: "/tenants", operationID: "createTenant", tag: "Tenants",
            summary: "Create a tenant with the system roles (deployment key)", access: .deployment,
            requestSchema: "TenantCreate", successStatus: 201, responseSchema: "Tenant"
        ) { try $0.tenants.create($1) },
        AdminRoute(
            method: "GET", path: tenantPath, operationID: "getTenant", tag: "Tenants", summary: "Get a tenant",
            access: .tenant, responseSchema: "Tenant"
        ) { try $0.tenants.get($1) },
    ]

    private static let providers: [AdminRoute] = [
        AdminRoute(
            method: "GET", path: tenantPath + "/providers", operationID: "listProviders", tag: "Providers",
            summary: "List OIDC providers", access: .tenant, responseSchema: "ProviderList"
        ) { try $0.providers.list($1) },
        AdminRoute(
            method: "POST", path: tenantPath + "/providers", operationID: "createProvider", tag: "Providers",
            summary: "Create an OIDC provider", access: .tenant, requestSchema: "ProviderCreate", successStatus: 201,
            responseSchema: "Provider"
        ) { try $0.providers.create($1) },
        AdminRoute(
            method: "GET", path: providerPath, operationID: "getProvider", tag: "Providers",
            summary: "Get an OIDC provider", access: .tenant, responseSchema: "Provider"
        ) { try $0.providers.get($1) },
        AdminRoute(
            method: "PATCH", path: providerPath, operationID: "updateProvider", tag: "Providers",
            summary: "Change name, issuer, client id, provisioning mode, role strategy or groups_become_teams",
            access: .tenant, requestSchema: "ProviderUpdate", responseSchema: "Provider"
        ) { try $0.providers.update($1) },
        AdminRoute(
            method: "POST", path: providerPath + "/scim/enable", operationID: "enableSCIM", tag: "Providers",
            summary: "Enable SCIM: returns the endpoint and the provisioning token, shown only this once",
            access: .tenant, responseSchema: "ScimEnabled", conflicts: true
        ) { try $0.providers.enableSCIM($1) },
        AdminRoute(
            method: "POST", path: providerPath + "/scim/rotate-token", operationID: "rotateSCIMToken",
            tag: "Providers", summary: "Issue a new provisioning token; the old one fails at once", access: .tenant,
            responseSchema: "ScimToken", conflicts: true
        ) { try $0.providers.rotateToken($1) },
        AdminRoute(
            method: "POST", path: providerPath + "/scim/disable", operationID: "disableSCIM", tag: "Providers",
            summary: "Disable SCIM and revoke the token", access: .tenant, responseSchema: "Provider"
        ) { try $0.providers.disableSCIM($1) },
        AdminRoute(
            method: "GET", path: providerPath + "/provisioning-log", operationID: "listProvisioningLog",
            tag: "Providers",
            summary: "The provider's provisioning log: recent SCIM requests, redacted, and our answers, newest first",
            access: .tenant, query: paging, responseSchema: "ProvisioningLogPage"
        ) { try $0.events.provisioningLog($1) },
    ]

    private static let mappingRules: [AdminRoute] = [
        AdminRoute(
            method: "GET", path: providerPath + "/mapping-rules", operationID: "listMappingRules",
            tag: "Mapping rules", summary: "List a provider's mapping rules in evaluation order", access: .tenant,
            responseSchema: "MappingRuleList"
        ) { try $0.mappingRules.list($1) },
        AdminRoute(
            method: "POST", path: providerPath + "/mapping-rules", operationID: "createMappingRule",
            tag: "Mapping rules", summary: "Add a mapping rule; a rule that could never match is a 400",
            access: .tenant, requestSchema: "MappingRuleCreate", successStatus: 201, responseSchema: "MappingRule"
        ) { try $0.mappingRules.create($1) },
        AdminRoute(
            method: "PUT", path: providerPath + "/mapping-rules/order", operationID: "reorderMappingRules",
            tag: "Mapping rules", summary: "Reorder every rule of the provider at once", access: .tenant,
            requestSchema: "MappingRuleOrder", responseSchema: "MappingRuleList"
        ) { try $0.mappingRules.reorder($1) },
        AdminRoute(
            method: "PATCH", path: providerPath + "/mapping-rules/{ruleId}", operationID: "moveMappingRule",
            tag: "Mapping rules", summary: "Move one rule to a position", access: .tenant,
            requestSchema: "MappingRulePosition", responseSchema: "MappingRule"
        ) { try $0.mappingRules.update($1) },
        AdminRoute(
            method: "DELETE", path: providerPath + "/mapping-rules/{ruleId}", operationID: "deleteMappingRule",
            tag: "Mapping rules", summary: "Delete a mapping rule", access: .tenant, successStatus: 204
        ) { try $0.mappingRules.delete($1) },
    ]

    private static let users: [AdminRoute] = [
        AdminRoute(
            method: "GET", path: tenantPath + "/users", operationID: "listUsers", tag: "Users",
            summary: "List people by userName, optionally those whose userName or displayName starts with search",
            access: .tenant,
            query: [
                Parameter(
                    name: "search", schema: ["type": "string", "maxLength": 200],
                    description: "A prefix of userName or displayName, ignoring case.")
            ] + paging, responseSchema: "UserPage"
        ) { try $0.users.list($1) },
        AdminRoute(
            method: "GET", path: userPath, operationID: "getUser", tag: "Users",
            summary: "Get a person: role, teams and units with provenance, status, managing provider, last sign-in",
            access: .tenant, responseSchema: "UserDetail"
        ) { try $0.users.get($1) },
        AdminRoute(
            method: "PUT", path: userPath + "/role", operationID: "assignRole", tag: "Users",
            summary: "Give the person a manual role, which syncs keep", access: .tenant,
            requestSchema: "RoleAssignmentRequest", responseSchema: "UserDetail", conflicts: true
        ) { try $0.users.assignRole($1) },
        AdminRoute(
            method: "DELETE", path: userPath + "/role", operationID: "removeRole", tag: "Users",
            summary: "Take the person's role away; a later sync may map one again", access: .tenant,
            responseSchema: "UserDetail"
        ) { try $0.users.removeRole($1) },
        AdminRoute(
            method: "POST", path: userPath + "/teams", operationID: "addTeamMembership", tag: "Users",
            summary: "Grant a manual team membership (201 new, 200 already held manually)", access: .tenant,
            requestSchema: "MembershipRequest", successStatus: 201, alternateSuccessStatus: 200,
            responseSchema: "Membership", conflicts: true
        ) { try $0.users.grant(.team, $1) },
        AdminRoute(
            method: "DELETE", path: userPath + "/teams/{teamId}", operationID: "removeTeamMembership", tag: "Users",
            summary: "Remove the manual team membership; SCIM and sign-in grants stay", access: .tenant,
            successStatus: 204
        ) { try $0.users.revoke(.team, $1) },
        AdminRoute(
            method: "POST", path: userPath + "/business-units", operationID: "addBusinessUnitMembership",
            tag: "Users", summary: "Grant a manual business-unit membership (201 new, 200 already held manually)",
            access: .tenant, requestSchema: "MembershipRequest", successStatus: 201, alternateSuccessStatus: 200,
            responseSchema: "Membership", conflicts: true
        ) { try $0.users.grant(.businessUnit, $1) },
        AdminRoute(
            method: "DELETE", path: userPath + "/business-units/{businessUnitId}",
            operationID: "removeBusinessUnitMembership", tag: "Users",
            summary: "Remove the manual business-unit membership; SCIM and sign-in grants stay", access: .tenant,
            successStatus: 204
        ) { try $0.users.revoke(.businessUnit, $1) },
    ]

    private static func groupings(team: Bool) -> [AdminRoute] {
        let collection = tenantPath + (team ? "/teams" : "/business-units")
        let item = collection + (team ? "/{teamId}" : "/{businessUnitId}")
        let noun = team ? "team" : "business unit"
        let name = team ? "Team" : "BusinessUnit"
        let tag = team ? "Teams" : "Business units"
        let endpoint: @Sendable (AdminEndpoints) -> AdminGroupingsEndpoint = { team ? $0.teams : $0.businessUnits }
        return [
            AdminRoute(
                method: "GET", path: collection, operationID: "list\(name)s", tag: tag,
                summary: "List \(noun)s by name with member counts by source", access: .tenant, query: paging,
                responseSchema: "GroupingPage"
            ) { try endpoint($0).list($1) },
            AdminRoute(
                method: "POST", path: collection, operationID: "create\(name)", tag: tag,
                summary: "Create a \(noun) (manual, empty)", access: .tenant, requestSchema: "GroupingCreate",
                successStatus: 201, responseSchema: "Grouping", conflicts: true
            ) { try endpoint($0).create($1) },
            AdminRoute(
                method: "GET", path: item, operationID: "get\(name)", tag: tag,
                summary: "Get a \(noun) with one page of members and how each holds it", access: .tenant, query: paging,
                responseSchema: "GroupingDetail"
            ) { try endpoint($0).get($1) },
            AdminRoute(
                method: "DELETE", path: item, operationID: "delete\(name)", tag: tag,
                summary: "Delete a \(noun) that only manual grants hold", access: .tenant, successStatus: 204,
                conflicts: true
            ) { try endpoint($0).delete($1) },
        ]
    }

    private static let roles: [AdminRoute] = [
        AdminRoute(
            method: "GET", path: tenantPath + "/roles", operationID: "listRoles", tag: "Roles",
            summary: "List roles with permissions, system roles first", access: .tenant, responseSchema: "RoleList"
        ) { try $0.roles.list($1) },
        AdminRoute(
            method: "POST", path: tenantPath + "/roles", operationID: "createRole", tag: "Roles",
            summary: "Create a custom role", access: .tenant, requestSchema: "RoleCreate", successStatus: 201,
            responseSchema: "Role", conflicts: true
        ) { try $0.roles.create($1) },
        AdminRoute(
            method: "GET", path: tenantPath + "/roles/{roleId}", operationID: "getRole", tag: "Roles",
            summary: "Get a role", access: .tenant, responseSchema: "Role"
        ) { try $0.roles.get($1) },
        AdminRoute(
            method: "PATCH", path: tenantPath + "/roles/{roleId}", operationID: "updateRole", tag: "Roles",
            summary: "Rename a custom role or replace its permissions; system roles answer 409", access: .tenant,
            requestSchema: "RoleUpdate", responseSchema: "Role", conflicts: true
        ) { try $0.roles.update($1) },
        AdminRoute(
            method: "DELETE", path: tenantPath + "/roles/{roleId}", operationID: "deleteRole", tag: "Roles",
            summary: "Delete a custom role no mapping rule names; system roles answer 409", access: .tenant,
            successStatus: 204, conflicts: true
        ) { try $0.roles.delete($1) },
    ]

    private static let events: [AdminRoute] = [
        AdminRoute(
            method: "GET", path: tenantPath + "/provisioning-events", operationID: "listProvisioningEvents",
            tag: "Provisioning events", summary: "List provisioning events, newest first", access: .tenant,
            query: [
                Parameter(name: "provider_id", schema: AdminSchemas.uuid, description: "Only this provider's."),
                Parameter(name: "resource_type", schema: AdminSchemas.resourceType, description: "User or Group."),
                Parameter(name: "resource_id", schema: AdminSchemas.uuid, description: "Only this user's or group's."),
                Parameter(
                    name: "operation", schema: AdminSchemas.choice(AdminEventsEndpoint.operations),
                    description: "Only this operation."),
                Parameter(
                    name: "since", schema: AdminSchemas.dateTime,
                    description: "At or after this time (RFC 3339; encode + as %2B)."),
                Parameter(name: "until", schema: AdminSchemas.dateTime, description: "Before this time (RFC 3339)."),
            ] + paging, responseSchema: "ProvisioningEventPage"
        ) { try $0.events.list($1) }
    ]
}
