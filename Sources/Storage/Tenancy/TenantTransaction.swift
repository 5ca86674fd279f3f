import Foundation
import Postgres

/// A transaction scoped to one tenant, and the repositories that work inside it.
public struct TenantTransaction {
    let connection: PostgresConnection
    public let tenantID: UUID

    /// `set_config(…, true)` lasts until the transaction ends, so the setting never leaks into the next lease. It
    /// travels with the transaction's first query, in the same round trip, and runs before it.
    static func enter(_ tenantID: UUID, on connection: PostgresConnection) {
        connection.deferUntilNextQuery("SELECT set_config('app.tenant_id', \(tenantID.uuidString.lowercased()), true)")
    }

    /// Every user of the tenant, for administration.
    public var users: TenantScopedUserRepository {
        TenantScopedUserRepository(connection: connection, tenantID: tenantID)
    }

    /// The users a provider's SCIM token may see and change.
    public func users(for providerID: UUID) -> TenantScopedUserRepository {
        TenantScopedUserRepository(connection: connection, tenantID: tenantID, providerID: providerID)
    }

    /// Every group of the tenant, for administration.
    public var groups: TenantScopedGroupRepository {
        TenantScopedGroupRepository(connection: connection, tenantID: tenantID)
    }

    /// The groups a provider's SCIM token pushed; their members are chosen among the users it sees.
    public func groups(for providerID: UUID) -> TenantScopedGroupRepository {
        TenantScopedGroupRepository(connection: connection, tenantID: tenantID, providerID: providerID)
    }

    public var governance: GovernanceRepository { GovernanceRepository(connection: connection, tenantID: tenantID) }

    public var sessions: SessionRepository { SessionRepository(connection: connection, tenantID: tenantID) }

    public var events: ProvisioningEventRepository { ProvisioningEventRepository(connection: connection) }
}
