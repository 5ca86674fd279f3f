import Foundation
import Postgres

/// A transaction scoped to one tenant, and the repositories that work inside it.
public struct TenantTransaction {
    let connection: PostgresConnection
    public let tenantID: UUID

    /// `set_config(…, true)` lasts until the transaction ends, so the setting never leaks into the next lease.
    static func enter(_ tenantID: UUID, on connection: PostgresConnection) throws {
        try connection.query("SELECT set_config('app.tenant_id', \(tenantID.uuidString.lowercased()), true)")
    }

    public var users: TenantScopedUserRepository {
        TenantScopedUserRepository(connection: connection, tenantID: tenantID)
    }

    public var groups: TenantScopedGroupRepository {
        TenantScopedGroupRepository(connection: connection, tenantID: tenantID)
    }

    public var events: ProvisioningEventRepository { ProvisioningEventRepository(connection: connection) }
}
