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

    func user(_ json: String) throws -> StoredUser {
        try pool.withTransaction { connection in
            try TenantScopedUserRepository(connection: connection, tenantID: tenant.id)
                .create(attributes: try JSONValue.parse(Array(json.utf8)), managingProviderID: provider.id)
        }
    }

    func group(_ name: String) throws -> StoredGroup {
        try pool.withTransaction { connection in
            try TenantScopedGroupRepository(connection: connection, tenantID: tenant.id).create(
                attributes: .object(["displayName": .string(name)]), managingProviderID: provider.id)
        }
    }

    func users<T>(_ body: (TenantScopedUserRepository) throws -> T) throws -> T {
        try pool.withTransaction { try body(TenantScopedUserRepository(connection: $0, tenantID: tenant.id)) }
    }

    func groups<T>(_ body: (TenantScopedGroupRepository) throws -> T) throws -> T {
        try pool.withTransaction { try body(TenantScopedGroupRepository(connection: $0, tenantID: tenant.id)) }
    }

    func userNames(matching filter: String) throws -> [String] {
        let parsed = try SCIMFilter.parse(filter, resourceType: .user)
        return try users { repository in
            try repository.list(PageRequest(filter: parsed, limit: 100)).items
        }.map(\.userName).sorted()
    }
}
