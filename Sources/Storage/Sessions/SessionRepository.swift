import Foundation
import Postgres

/// Sessions and pending sign-ins of one tenant, inside a tenant transaction. Ending a session deletes its row, and
/// every replica reads the row on every request, so the end takes effect everywhere at once.
public struct SessionRepository {
    let connection: PostgresConnection
    let tenantID: UUID

    /// Stores a session; `id` may be chosen first so the refresh token can be sealed to it.
    public func create(
        id: UUID = UUID(), userID: UUID, providerID: UUID, tokenHash: [UInt8], refreshTokenEncrypted: [UInt8]?,
        refreshDueAt: Date, expiresAt: Date
    ) throws -> UUID {
        try connection.query(
            """
            INSERT INTO sessions (tenant_id, id, user_id, provider_id, token_hash, refresh_token_encrypted,
                refresh_due_at, expires_at)
            VALUES (\(tenantID), \(id), \(userID), \(providerID), \(tokenHash), \(refreshTokenEncrypted),
                \(refreshDueAt), \(expiresAt))
            """)
        return id
    }

    public func find(id: UUID) throws -> StoredSession? {
        try connection.query(
            """
            SELECT id, tenant_id, user_id, provider_id, refresh_token_encrypted, refresh_due_at, expires_at
            FROM sessions WHERE tenant_id = \(tenantID) AND id = \(id) AND expires_at > now()
            """
        ).rows.first.map { row in
            StoredSession(
                id: try row.decode("id"), tenantID: try row.decode("tenant_id"), userID: try row.decode("user_id"),
                providerID: try row.decode("provider_id"),
                refreshTokenEncrypted: try row.decodeIfPresent("refresh_token_encrypted"),
                refreshDueAt: try row.decode("refresh_due_at"), expiresAt: try row.decode("expires_at"))
        }
    }

    /// Ends every session of a person (deactivated or deleted by SCIM, or refused by the IdP); returns how many.
    @discardableResult
    public func endAll(for userID: UUID) throws -> Int {
        try connection.query("DELETE FROM sessions WHERE tenant_id = \(tenantID) AND user_id = \(userID)").affectedRows
    }

    @discardableResult
    public func end(id: UUID) throws -> Bool {
        try connection.query("DELETE FROM sessions WHERE tenant_id = \(tenantID) AND id = \(id)").affectedRows == 1
    }

    /// Records a successful refresh and when the next one is due; a new refresh token replaces the old one.
    public func markRefreshed(id: UUID, refreshTokenEncrypted: [UInt8]?, nextDueAt: Date) throws {
        try connection.query(
            """
            UPDATE sessions SET refreshed_at = now(), refresh_due_at = \(nextDueAt),
                refresh_token_encrypted = COALESCE(\(refreshTokenEncrypted), refresh_token_encrypted)
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
    }

    public func beginSignIn(
        stateHash: [UInt8], providerID: UUID, nonce: String, codeVerifierEncrypted: [UInt8], discoverOnly: Bool,
        expiresAt: Date
    ) throws {
        try connection.query(
            """
            INSERT INTO sign_in_attempts (tenant_id, state_hash, provider_id, nonce, code_verifier_encrypted,
                discover_only, expires_at)
            VALUES (\(tenantID), \(stateHash), \(providerID), \(nonce), \(codeVerifierEncrypted), \(discoverOnly),
                \(expiresAt))
            """)
    }

    /// Takes a pending sign-in once: the row is deleted, so a replayed callback finds nothing.
    public func takeSignIn(stateHash: [UInt8]) throws -> PendingSignIn? {
        try connection.query(
            """
            DELETE FROM sign_in_attempts
            WHERE tenant_id = \(tenantID) AND state_hash = \(stateHash) AND expires_at > now()
            RETURNING provider_id, nonce, code_verifier_encrypted, discover_only
            """
        ).rows.first.map { row in
            PendingSignIn(
                tenantID: tenantID, providerID: try row.decode("provider_id"), nonce: try row.decode("nonce"),
                codeVerifierEncrypted: try row.decode("code_verifier_encrypted"),
                discoverOnly: try row.decode("discover_only"))
        }
    }
}
