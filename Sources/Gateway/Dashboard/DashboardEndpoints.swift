import Foundation
import Postgres
import Storage

/// The dashboard's pages and forms; each capability lives in a `DashboardEndpoints+…` file.
struct DashboardEndpoints: Sendable {
    let pool: PostgresPool
    let configuration: GatewayConfiguration
    let authenticator: DashboardAuthenticator

    /// Rows per page of the people, teams, members and provisioning-log lists.
    static let pageSize = 50

    init(pool: PostgresPool, configuration: GatewayConfiguration) {
        self.pool = pool
        self.configuration = configuration
        authenticator = DashboardAuthenticator(pool: pool, store: DashboardSessionStore(pool: pool))
    }

    /// The signed-in administrator's tenant, for one transaction.
    func tenant(_ context: DashboardContext) throws -> TenantDatabase {
        TenantDatabase(pool: pool, tenantID: try context.administrator.tenantID)
    }

    /// The page request of a list: `after` is the opaque cursor of the previous page's last row.
    func page(_ context: DashboardContext) throws -> AdminPageRequest {
        var after: AdminCursor?
        if let token = context.query("after") {
            guard let cursor = AdminCursor(token: token) else {
                throw DashboardError(.invalidForm, "This page link is not valid any more; start from the first page.")
            }
            after = cursor
        }
        return AdminPageRequest(limit: Self.pageSize, after: after)
    }
}
