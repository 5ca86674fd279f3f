import Foundation
import Identity
import Postgres
import SCIM
import Storage
import TestSupport

/// A tenant with one provider, and helpers to write users and groups into it.
struct StorageFixtures {
    let pool: PostgresPool
    let tenant: Tenant
    let provider: OIDCProvider

    init() throws {
        pool = try TestDatabase.pool()
        let administration = AdministrationRepository(pool: pool)
        tenant = try administration.createTenant(name: "Tenant \(UUID().uuidString.prefix(8))")
        provider = try administration.createProvider(tenantID: tenant.id, name: "Okta", issuer: nil, clientID: nil)
    }

    var database: TenantDatabase { TenantDatabase(pool: pool, tenantID: tenant.id) }

    func user(_ json: String) throws -> StoredUser {
        try users { try $0.create(attributes: try JSONValue.parse(Array(json.utf8)), managingProviderID: provider.id) }
    }

    func group(_ name: String) throws -> StoredGroup {
        try groups {
            try $0.create(attributes: .object(["displayName": .string(name)]), managingProviderID: provider.id)
        }
    }

    func users<T>(_ body: (TenantScopedUserRepository) throws -> T) throws -> T {
        try database.transaction { try body($0.users) }
    }

    func groups<T>(_ body: (TenantScopedGroupRepository) throws -> T) throws -> T {
        try database.transaction { try body($0.groups) }
    }

    func userNames(matching filter: String) throws -> [String] {
        let parsed = try SCIMFilter.parse(filter, resourceType: .user)
        return try users { repository in
            try repository.list(PageRequest(filter: parsed, limit: 100)).items
        }.map(\.userName).sorted()
    }
}
