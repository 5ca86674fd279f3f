import Foundation
import Identity
import Postgres

/// An OIDC provider with its governance settings and the state of its SCIM provisioning, as the admin API shows it.
public struct AdminProviderRecord: Sendable, Equatable {
    public let id: UUID
    public let tenantID: UUID
    public var name: String
    public var issuer: String?
    public var clientID: String?
    public var provisioningMode: ProvisioningMode
    public var roleStrategy: RoleStrategy
    public var groupsBecomeTeams: Bool
    public var scimEnabled: Bool
    /// The first characters of the active provisioning token, to tell tokens apart; nil when there is none.
    public var tokenPrefix: String?
    public var tokenCreatedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// Columns of `oidc_providers p` joined with its active token `t`.
    static let select = """
        SELECT p.id, p.tenant_id, p.name, p.issuer, p.client_id, p.provisioning_mode, p.role_strategy,
            p.groups_become_teams, p.scim_enabled, t.token_prefix, t.created_at AS token_created_at, p.created_at,
            p.updated_at
        FROM oidc_providers p
        LEFT JOIN provisioning_tokens t ON t.tenant_id = p.tenant_id AND t.provider_id = p.id AND t.revoked_at IS NULL
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        tenantID = try row.decode("tenant_id")
        name = try row.decode("name")
        issuer = try row.decodeIfPresent("issuer")
        clientID = try row.decodeIfPresent("client_id")
        provisioningMode = ProvisioningMode(rawValue: try row.decode("provisioning_mode")) ?? .both
        roleStrategy = RoleStrategy(rawValue: try row.decode("role_strategy")) ?? .mostPermissions
        groupsBecomeTeams = try row.decode("groups_become_teams")
        scimEnabled = try row.decode("scim_enabled")
        tokenPrefix = try row.decodeIfPresent("token_prefix")
        tokenCreatedAt = try row.decodeIfPresent("token_created_at")
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
    }
}
