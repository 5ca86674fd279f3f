import Foundation
import Postgres

/// The lookups that find a session's or a sign-in's tenant before it is known, through the database's definer
/// functions, which return ids only.
public struct SessionDirectory: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func session(tokenHash: [UInt8]) throws -> (tenantID: UUID, sessionID: UUID)? {
        try pool.withConnection { connection in
            try connection.query(
                "SELECT tenant_id, session_id FROM scim_gateway_session_tenant(\(tokenHash))"
            ).rows.first.map { (try $0.decode("tenant_id"), try $0.decode("session_id")) }
        }
    }

    public func signInTenant(stateHash: [UInt8]) throws -> UUID? {
        try pool.withConnection { connection in
            try connection.query("SELECT scim_gateway_sign_in_tenant(\(stateHash)) AS tenant_id").rows.first?
                .decodeIfPresent("tenant_id")
        }
    }

    /// Sessions whose refresh is due, across tenants, oldest first.
    public func dueSessions(before: Date, limit: Int) throws -> [(tenantID: UUID, sessionID: UUID)] {
        try pool.withConnection { connection in
            try connection.query(
                "SELECT tenant_id, session_id FROM scim_gateway_due_sessions(\(before), \(Int32(limit)))"
            ).rows.map { (try $0.decode("tenant_id"), try $0.decode("session_id")) }
        }
    }

    /// Deletes up to `limit` expired sessions and `limit` abandoned sign-ins across tenants; returns how many.
    @discardableResult
    public func deleteExpired(limit: Int) throws -> Int {
        try pool.withConnection { connection in
            try connection.query("SELECT scim_gateway_delete_expired(\(Int32(limit))) AS deleted").rows[0]
                .decode("deleted", as: Int.self)
        }
    }
}
