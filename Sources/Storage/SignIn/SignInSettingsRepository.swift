import Foundation
import Identity
import Postgres

/// Reads and changes providers' OIDC sign-in settings.
public struct SignInSettingsRepository: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The settings of a provider, found across tenants through the provider-tenant lookup.
    public func settings(providerID: UUID) throws -> SignInSettings? {
        guard let tenantID = try tenant(of: providerID) else { return nil }
        return try TenantDatabase(pool: pool, tenantID: tenantID).transaction { tenant in
            try Self.settings(providerID: providerID, on: tenant)
        }
    }

    static func settings(providerID: UUID, on tenant: TenantTransaction) throws -> SignInSettings? {
        let row = try tenant.connection.query(
            """
            SELECT tenant_id, id, issuer, client_id, client_secret_encrypted, scopes, audience, claim_user_id,
                claim_email, claim_name, provisioning_mode
            FROM oidc_providers WHERE tenant_id = \(tenant.tenantID) AND id = \(providerID)
            """
        ).rows.first
        guard let row else { return nil }
        return SignInSettings(
            tenantID: try row.decode("tenant_id"), providerID: try row.decode("id"),
            issuer: try row.decodeIfPresent("issuer"), clientID: try row.decodeIfPresent("client_id"),
            clientSecretSealed: try row.decodeIfPresent("client_secret_encrypted"), scopes: try row.decode("scopes"),
            audience: try row.decodeIfPresent("audience"),
            claims: SignInSettings.ClaimNames(
                userID: try row.decode("claim_user_id"), email: try row.decode("claim_email"),
                name: try row.decode("claim_name")),
            provisioningMode: ProvisioningMode(rawValue: try row.decode("provisioning_mode")) ?? .both)
    }

    /// Stores the settings; the sealed secret replaces the old one only when given.
    public func configure(_ settings: SignInSettings) throws {
        try TenantDatabase(pool: pool, tenantID: settings.tenantID).transaction { tenant in
            let updated = try tenant.connection.query(
                """
                UPDATE oidc_providers SET issuer = \(settings.issuer), client_id = \(settings.clientID),
                    client_secret_encrypted = COALESCE(\(settings.clientSecretSealed), client_secret_encrypted),
                    scopes = \(settings.scopes), audience = \(settings.audience),
                    claim_user_id = \(settings.claims.userID), claim_email = \(settings.claims.email),
                    claim_name = \(settings.claims.name), provisioning_mode = \(settings.provisioningMode.rawValue),
                    updated_at = now()
                WHERE tenant_id = \(settings.tenantID) AND id = \(settings.providerID)
                """
            ).affectedRows
            guard updated == 1 else { throw AdministrationError.providerNotFound(settings.providerID) }
        }
    }

    public func tenant(of providerID: UUID) throws -> UUID? {
        try pool.withConnection { connection in
            try connection.query("SELECT scim_gateway_provider_tenant(\(providerID)) AS tenant_id").rows.first?
                .decodeIfPresent("tenant_id")
        }
    }
}
