import Postgres
import Storage

/// The admin API's endpoint groups over one pool; routes pick theirs from here.
struct AdminEndpoints: Sendable {
    let tenants: AdminTenantsEndpoint
    let providers: AdminProvidersEndpoint
    let mappingRules: AdminMappingRulesEndpoint
    let users: AdminUsersEndpoint
    let teams: AdminGroupingsEndpoint
    let businessUnits: AdminGroupingsEndpoint
    let roles: AdminRolesEndpoint
    let events: AdminEventsEndpoint

    init(pool: PostgresPool) {
        tenants = AdminTenantsEndpoint(pool: pool)
        providers = AdminProvidersEndpoint(pool: pool)
        mappingRules = AdminMappingRulesEndpoint(pool: pool)
        users = AdminUsersEndpoint(pool: pool)
        teams = AdminGroupingsEndpoint(pool: pool, kind: .team)
        businessUnits = AdminGroupingsEndpoint(pool: pool, kind: .businessUnit)
        roles = AdminRolesEndpoint(pool: pool)
        events = AdminEventsEndpoint(pool: pool)
    }
}
