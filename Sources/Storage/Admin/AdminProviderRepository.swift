import Foundation
import Identity
import Postgres

/// A tenant's OIDC providers and their SCIM provisioning, inside one tenant transaction.
///
/// Token changes lock the provider row first, so two administrators enabling or rotating at once issue one token
/// after the other and exactly one stays active.
public struct AdminProviderRepository {
    let transaction: TenantTransaction

    private var connection: PostgresConnection { transaction.connection }
    private var tenantID: UUID { transaction.tenantID }

    public func list() throws -> [AdminProviderRecord] {
        try connection.query(
            "\(unescaped: AdminProviderRecord.select) WHERE p.tenant_id = \(tenantID) ORDER BY p.created_at, p.id"
        ).rows.map(AdminProviderRecord.init(row:))
    }

    public func find(id: UUID) throws -> AdminProviderRecord? {
        try connection.query(
            "\(unescaped: AdminProviderRecord.select) WHERE p.tenant_id = \(tenantID) AND p.id = \(id)"
        ).rows.first.map(AdminProviderRecord.init(row:))
    }

    /// The provider, or `notFound`; `lock` holds its row until the transaction ends.
    func require(_ id: UUID, lock: Bool = false) throws -> AdminProviderRecord {
        if lock {
            try connection.query(
                "SELECT 1 AS present FROM oidc_providers WHERE tenant_id = \(tenantID) AND id = \(id) FOR UPDATE")
        }
        guard let provider = try find(id: id) else { throw AdminStoreError.notFound("OIDC provider", id) }
        return provider
    }

    /// Creates a provider; `changes.name` is required, the other settings default as in the schema.
    public func create(_ changes: AdminProviderChanges) throws -> AdminProviderRecord {
        guard let name = changes.name else { throw AdminStoreError(.invalidValue, "A provider needs a name.") }
        let id = UUID()
        try connection.query(
            """
            INSERT INTO oidc_providers (tenant_id, id, name, issuer, client_id, provisioning_mode, role_strategy,
                groups_become_teams)
            VALUES (\(tenantID), \(id), \(name), \(changes.issuer ?? nil), \(changes.clientID ?? nil),
                \((changes.provisioningMode ?? .both).rawValue), \((changes.roleStrategy ?? .mostPermissions).rawValue),
                \(changes.groupsBecomeTeams ?? true))
            """)
        return try require(id)
    }

    /// Applies the fields `changes` sets; an empty change only reads the provider.
    public func update(id: UUID, _ changes: AdminProviderChanges) throws -> AdminProviderRecord {
        var assignments: [PostgresQuery] = []
        if let name = changes.name { assignments.append("name = \(name)") }
        if let issuer = changes.issuer { assignments.append("issuer = \(issuer)") }
        if let clientID = changes.clientID { assignments.append("client_id = \(clientID)") }
        if let mode = changes.provisioningMode { assignments.append("provisioning_mode = \(mode.rawValue)") }
        if let strategy = changes.roleStrategy { assignments.append("role_strategy = \(strategy.rawValue)") }
        if let flag = changes.groupsBecomeTeams { assignments.append("groups_become_teams = \(flag)") }
        guard !assignments.isEmpty else { return try require(id) }
        var query: PostgresQuery = "UPDATE oidc_providers SET "
        for assignment in assignments { query.append(assignment + ", ") }
        query.append("updated_at = now() WHERE tenant_id = \(tenantID) AND id = \(id)")
        guard try connection.query(query).affectedRows == 1 else { throw AdminStoreError.notFound("OIDC provider", id) }
        return try require(id)
    }

    /// Switches SCIM on and issues the first token. Refused while SCIM is on: issuing again would silently break
    /// the IdP holding the current token; rotation says so explicitly.
    public func enableSCIM(id: UUID) throws -> (AdminProviderRecord, ProvisioningTokenSecret) {
        let provider = try require(id, lock: true)
        guard !provider.scimEnabled else {
            throw AdminStoreError(
                .scimAlreadyEnabled, "SCIM is already enabled for this provider; rotate the token to get a new one.")
        }
        try connection.query(
            "UPDATE oidc_providers SET scim_enabled = true, updated_at = now() WHERE tenant_id = \(tenantID) AND id = \(id)"
        )
        let secret = try AdministrationRepository.issueToken(for: try oidcProvider(provider), on: connection)
        return (try require(id), secret)
    }

    /// Issues a new token; the old one fails from the moment this commits, on every replica.
    public func rotateToken(id: UUID) throws -> ProvisioningTokenSecret {
        let provider = try require(id, lock: true)
        guard provider.scimEnabled else {
            throw AdminStoreError(.scimNotEnabled, "SCIM is not enabled for this provider; enable it first.")
        }
        return try AdministrationRepository.issueToken(for: try oidcProvider(provider), on: connection)
    }

    /// Switches SCIM off and revokes the token. People and groups the provider pushed stay as they are.
    public func disableSCIM(id: UUID) throws -> AdminProviderRecord {
        _ = try require(id, lock: true)
        try connection.query(
            "UPDATE oidc_providers SET scim_enabled = false, updated_at = now() WHERE tenant_id = \(tenantID) AND id = \(id)"
        )
        try connection.query(
            """
            UPDATE provisioning_tokens SET revoked_at = now()
            WHERE tenant_id = \(tenantID) AND provider_id = \(id) AND revoked_at IS NULL
            """)
        return try require(id)
    }

    private func oidcProvider(_ record: AdminProviderRecord) throws -> OIDCProvider {
        OIDCProvider(
            id: record.id, tenantID: record.tenantID, name: record.name, issuer: record.issuer,
            clientID: record.clientID, provisioningMode: record.provisioningMode, scimEnabled: record.scimEnabled)
    }
}
