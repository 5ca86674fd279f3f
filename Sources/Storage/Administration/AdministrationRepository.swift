import Foundation
import Identity
import Postgres

/// Deployment-wide administration: tenants, OIDC providers and their provisioning tokens.
///
/// Used by the command line and the admin API; SCIM authentication is `RequestCounters.admit`, and SCIM resources go
/// through the tenant-scoped repositories.
public struct AdministrationRepository: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func createTenant(name: String) throws -> Tenant {
        try Self.checkName(name, kind: "tenant")
        let tenant = Tenant(id: UUID(), name: name)
        try TenantDatabase(pool: pool, tenantID: tenant.id).transaction { transaction in
            try transaction.connection.query("INSERT INTO tenants (id, name) VALUES (\(tenant.id), \(tenant.name))")
            try transaction.governance.seedSystemRoles()
        }
        return tenant
    }

    public func tenant(id: UUID) throws -> Tenant? {
        try pool.withConnection { connection in
            try connection.query("SELECT id, name FROM tenants WHERE id = \(id)").rows.first.map {
                Tenant(id: try $0.decode("id"), name: try $0.decode("name"))
            }
        }
    }

    public func createProvider(
        tenantID: UUID, name: String, issuer: String?, clientID: String?, mode: ProvisioningMode = .both
    ) throws -> OIDCProvider {
        try Self.checkName(name, kind: "provider")
        let provider = OIDCProvider(
            id: UUID(), tenantID: tenantID, name: name, issuer: issuer, clientID: clientID, provisioningMode: mode)
        try TenantDatabase(pool: pool, tenantID: tenantID).transaction { tenant in
            let connection = tenant.connection
            guard try !connection.query("SELECT 1 AS present FROM tenants WHERE id = \(tenantID)").rows.isEmpty else {
                throw AdministrationError.tenantNotFound(tenantID)
            }
            _ = try connection.query(
                """
                INSERT INTO oidc_providers (tenant_id, id, name, issuer, client_id, provisioning_mode)
                VALUES (\(tenantID), \(provider.id), \(name), \(issuer), \(clientID), \(mode.rawValue))
                """)
        }
        return provider
    }

    public func provider(id: UUID) throws -> OIDCProvider? {
        do {
            return try withProvider(id) { provider, _ in provider }
        } catch AdministrationError.providerNotFound {
            return nil
        }
    }

    /// Switches SCIM on and issues the provider's provisioning token, replacing any earlier one.
    public func enableSCIM(providerID: UUID) throws -> ProvisioningTokenSecret {
        try withProvider(providerID, lock: true) { provider, connection in
            _ = try connection.query(
                """
                UPDATE oidc_providers SET scim_enabled = true, updated_at = now()
                WHERE tenant_id = \(provider.tenantID) AND id = \(provider.id)
                """)
            return try Self.issueToken(for: provider, on: connection)
        }
    }

    /// Issues a new token; the previous one fails from the moment this commits, on every replica, because
    /// authentication reads the token table on every request.
    public func rotateToken(providerID: UUID) throws -> ProvisioningTokenSecret {
        try withProvider(providerID, lock: true) { provider, connection in
            guard provider.scimEnabled else { throw AdministrationError.scimNotEnabled(providerID) }
            return try Self.issueToken(for: provider, on: connection)
        }
    }

    /// Switches SCIM off and revokes the provider's token.
    public func disableSCIM(providerID: UUID) throws {
        try withProvider(providerID, lock: true) { provider, connection in
            _ = try connection.query(
                """
                UPDATE oidc_providers SET scim_enabled = false, updated_at = now()
                WHERE tenant_id = \(provider.tenantID) AND id = \(provider.id)
                """)
            _ = try connection.query(
                """
                UPDATE provisioning_tokens SET revoked_at = now()
                WHERE tenant_id = \(provider.tenantID) AND provider_id = \(provider.id) AND revoked_at IS NULL
                """)
        }
    }

    /// Runs `body` in a transaction scoped to the provider's tenant, found through the one cross-tenant lookup.
    private func withProvider<T>(
        _ id: UUID, lock: Bool = false, _ body: (OIDCProvider, PostgresConnection) throws -> T
    ) throws -> T {
        let tenantRows = try pool.withConnection { connection in
            try connection.query("SELECT scim_gateway_provider_tenant(\(id)) AS tenant_id").rows
        }
        guard let tenantID = try tenantRows.first?.decodeIfPresent("tenant_id", as: UUID.self) else {
            throw AdministrationError.providerNotFound(id)
        }
        return try TenantDatabase(pool: pool, tenantID: tenantID).transaction { tenant in
            guard let provider = try Self.provider(id: id, on: tenant.connection, lock: lock) else {
                throw AdministrationError.providerNotFound(id)
            }
            return try body(provider, tenant.connection)
        }
    }

    static func issueToken(
        for provider: OIDCProvider, on connection: PostgresConnection
    ) throws -> ProvisioningTokenSecret {
        let secret = try ProvisioningTokenSecret.generate()
        _ = try connection.query(
            """
            UPDATE provisioning_tokens SET revoked_at = now()
            WHERE tenant_id = \(provider.tenantID) AND provider_id = \(provider.id) AND revoked_at IS NULL
            """)
        _ = try connection.query(
            """
            INSERT INTO provisioning_tokens (tenant_id, id, provider_id, token_hash, token_prefix)
            VALUES (\(provider.tenantID), \(UUID()), \(provider.id), \(secret.hash), \(secret.displayPrefix))
            """)
        return secret
    }

    private static func provider(id: UUID, on connection: PostgresConnection, lock: Bool) throws -> OIDCProvider? {
        var query: PostgresQuery = """
            SELECT tenant_id, id, name, issuer, client_id, provisioning_mode, scim_enabled
            FROM oidc_providers WHERE id = \(id)
            """
        if lock { query.append(" FOR UPDATE") }
        guard let row = try connection.query(query).rows.first else { return nil }
        return OIDCProvider(
            id: try row.decode("id"), tenantID: try row.decode("tenant_id"), name: try row.decode("name"),
            issuer: try row.decodeIfPresent("issuer"), clientID: try row.decodeIfPresent("client_id"),
            provisioningMode: ProvisioningMode(rawValue: try row.decode("provisioning_mode")) ?? .both,
            scimEnabled: try row.decode("scim_enabled"))
    }

    /// The names' CHECK constraints (sql/0001, counted in code points as PostgreSQL counts), refused in words an
    /// operator can act on, and blank names too.
    private static func checkName(_ name: String, kind: String) throws {
        guard (1...200).contains(name.unicodeScalars.count), !name.allSatisfy(\.isWhitespace) else {
            throw AdministrationError.invalidName(kind: kind)
        }
    }
}
