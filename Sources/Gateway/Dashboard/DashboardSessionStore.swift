import Foundation
import Postgres

/// The dashboard's own two tables: one-time sign-in links and dashboard sessions (migration 0007).
///
/// Lookups before the tenant is known go through the definer functions of 0007, which return ids only; everything
/// else runs in a transaction scoped to the tenant, so row-level security applies as it does to every repository.
/// `TenantTransaction` keeps its connection to the Storage target, so the scope is set here the same way
/// (`set_config('app.tenant_id', …, true)`); moving these queries into Storage would remove that repetition.
struct DashboardSessionStore: Sendable {
    let pool: PostgresPool

    /// Stores a link's code hash; the link works once, until `expiresAt`.
    func createLink(tenantID: UUID, codeHash: [UInt8], expiresAt: Date) throws -> UUID {
        let id = UUID()
        try inTenant(tenantID) { connection in
            try connection.query(
                """
                DELETE FROM dashboard_sign_in_links
                WHERE tenant_id = \(tenantID) AND expires_at < now() - interval '1 day'
                """)
            try connection.query(
                """
                INSERT INTO dashboard_sign_in_links (tenant_id, id, token_hash, expires_at)
                VALUES (\(tenantID), \(id), \(codeHash), \(expiresAt))
                """)
        }
        return id
    }

    /// Uses a link and opens a session with it, in one transaction; nil when the link is unknown, used or expired.
    /// The link is marked used by the same statement that checks it, so two posts of one code open one session.
    func openSession(
        linkCodeHash: [UInt8], tokenHash: [UInt8], csrfToken: String, expiresAt: Date
    ) throws -> DashboardSessionRecord? {
        let tenant: UUID? = try pool.withConnection { connection in
            try connection.query("SELECT scim_gateway_dashboard_link_tenant(\(linkCodeHash)) AS tenant_id").rows
                .first?.decodeIfPresent("tenant_id")
        }
        guard let tenantID = tenant else { return nil }
        return try inTenant(tenantID) { connection in
            let used = try connection.query(
                """
                UPDATE dashboard_sign_in_links SET used_at = now()
                WHERE tenant_id = \(tenantID) AND token_hash = \(linkCodeHash) AND used_at IS NULL
                    AND expires_at > now()
                RETURNING id
                """
            ).rows
            guard let linkID: UUID = try used.first?.decode("id") else { return nil }
            return try insertSession(
                on: connection, tenantID: tenantID, tokenHash: tokenHash, csrfToken: csrfToken,
                signInSessionID: nil, linkID: linkID, expiresAt: expiresAt)
        }
    }

    /// Opens a session riding on an OIDC sign-in session, which must belong to `tenantID`.
    func openSession(
        tenantID: UUID, signInSessionID: UUID, tokenHash: [UInt8], csrfToken: String, expiresAt: Date
    ) throws -> DashboardSessionRecord {
        try inTenant(tenantID) { connection in
            try insertSession(
                on: connection, tenantID: tenantID, tokenHash: tokenHash, csrfToken: csrfToken,
                signInSessionID: signInSessionID, linkID: nil, expiresAt: expiresAt)
        }
    }

    /// The live session whose cookie has this hash.
    func session(tokenHash: [UInt8]) throws -> DashboardSessionRecord? {
        let found: (UUID, UUID)? = try pool.withConnection { connection in
            try connection.query(
                "SELECT tenant_id, session_id FROM scim_gateway_dashboard_session_tenant(\(tokenHash))"
            ).rows.first.map { (try $0.decode("tenant_id"), try $0.decode("session_id")) }
        }
        guard let (tenantID, id) = found else { return nil }
        return try inTenant(tenantID) { connection in
            try connection.query(
                """
                SELECT tenant_id, id, csrf_token, session_id, expires_at FROM dashboard_sessions
                WHERE tenant_id = \(tenantID) AND id = \(id) AND expires_at > now()
                """
            ).rows.first.map(Self.record)
        }
    }

    func end(tenantID: UUID, id: UUID) throws {
        try inTenant(tenantID) { connection in
            try connection.query("DELETE FROM dashboard_sessions WHERE tenant_id = \(tenantID) AND id = \(id)")
        }
    }

    private func insertSession(
        on connection: PostgresConnection, tenantID: UUID, tokenHash: [UInt8], csrfToken: String,
        signInSessionID: UUID?, linkID: UUID?, expiresAt: Date
    ) throws -> DashboardSessionRecord {
        try connection.query("DELETE FROM dashboard_sessions WHERE tenant_id = \(tenantID) AND expires_at < now()")
        let row = try connection.query(
            """
            INSERT INTO dashboard_sessions (tenant_id, id, token_hash, csrf_token, session_id, link_id, expires_at)
            VALUES (\(tenantID), \(UUID()), \(tokenHash), \(csrfToken), \(signInSessionID), \(linkID), \(expiresAt))
            RETURNING tenant_id, id, csrf_token, session_id, expires_at
            """
        ).rows[0]
        return try Self.record(row)
    }

    /// One transaction with the tenant set for row-level security, as `TenantDatabase` does it.
    @discardableResult
    private func inTenant<T>(_ tenantID: UUID, _ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withTransaction { connection in
            try connection.query("SELECT set_config('app.tenant_id', \(tenantID.uuidString.lowercased()), true)")
            return try body(connection)
        }
    }

    private static func record(_ row: PostgresRow) throws -> DashboardSessionRecord {
        DashboardSessionRecord(
            tenantID: try row.decode("tenant_id"), id: try row.decode("id"), csrfToken: try row.decode("csrf_token"),
            signInSessionID: try row.decodeIfPresent("session_id"), expiresAt: try row.decode("expires_at"))
    }
}
