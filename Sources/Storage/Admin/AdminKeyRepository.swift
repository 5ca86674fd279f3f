import Crypto
import Foundation
import Postgres

/// Admin API keys: created by the command line, looked up on every admin API request.
///
/// A tenant key is written as the service role inside that tenant's transaction, which row-level security admits. A
/// deployment-wide key has no tenant, and the policies refuse such a row to the service role: it is created on a
/// pool connected as the schema owner (`MIGRATION_DATABASE_URL`), so only an operator holding the owner's
/// credentials can mint a key that reaches every tenant, and a compromised service cannot.
public struct AdminKeyRepository: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The principal of an active key with this SHA-256 hash, or nil for an unknown or revoked key.
    public func authenticate(keyHash: [UInt8]) throws -> AdminPrincipal? {
        // Before any tenant is known, so through the one function allowed to read keys across tenants.
        let rows = try pool.withConnection { connection in
            try connection.query(
                "SELECT key_id, tenant_id, key_hash FROM scim_gateway_authenticate_admin_key(\(keyHash))"
            ).rows
        }
        guard let row = rows.first else { return nil }
        // The index already matched; the constant-time comparison keeps the decision free of early exits.
        guard ConstantTime.equals(try row.decode("key_hash", as: [UInt8].self), keyHash) else { return nil }
        return AdminPrincipal(keyID: try row.decode("key_id"), tenantID: try row.decodeIfPresent("tenant_id"))
    }

    /// Creates a key that reaches only `tenantID`.
    public func createTenantKey(tenantID: UUID, name: String) throws -> AdminCreatedKey {
        let name = try Self.validName(name)
        return try TenantDatabase(pool: pool, tenantID: tenantID).transaction { tenant in
            guard
                try !tenant.connection.query("SELECT 1 AS present FROM tenants WHERE id = \(tenantID)").rows.isEmpty
            else { throw AdminStoreError.notFound("tenant", tenantID) }
            return try Self.insert(name: name, tenantID: tenantID, on: tenant.connection)
        }
    }

    /// Creates a key that reaches every tenant; this repository's pool must be connected as the schema owner.
    public func createDeploymentKey(name: String) throws -> AdminCreatedKey {
        let name = try Self.validName(name)
        do {
            return try pool.withTransaction { connection in
                try Self.insert(name: name, tenantID: nil, on: connection)
            }
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege {
            throw AdminStoreError(
                .ownerRequired,
                "Deployment-wide keys are created as the schema owner: set MIGRATION_DATABASE_URL to the owner's URL.")
        }
    }

    /// Revokes a key; it fails from the next request on, on every replica. A tenant's key is revoked as the service
    /// role within that tenant; a deployment key (`tenantID` nil) needs the owner's pool, as for creation.
    public func revoke(keyID: UUID, tenantID: UUID?) throws -> Bool {
        guard let tenantID else {
            return try pool.withTransaction { connection in
                try connection.query(
                    """
                    UPDATE admin_api_keys SET revoked_at = now()
                    WHERE id = \(keyID) AND tenant_id IS NULL AND revoked_at IS NULL
                    """
                ).affectedRows == 1
            }
        }
        return try TenantDatabase(pool: pool, tenantID: tenantID).transaction { tenant in
            try tenant.connection.query(
                """
                UPDATE admin_api_keys SET revoked_at = now()
                WHERE tenant_id = \(tenantID) AND id = \(keyID) AND revoked_at IS NULL
                """
            ).affectedRows == 1
        }
    }

    private static func insert(name: String, tenantID: UUID?, on connection: PostgresConnection) throws
        -> AdminCreatedKey
    {
        let secret = try AdminAPIKeySecret.generate()
        let id = UUID()
        try connection.query(
            """
            INSERT INTO admin_api_keys (id, tenant_id, name, key_hash, key_prefix)
            VALUES (\(id), \(tenantID), \(name), \(secret.hash), \(secret.displayPrefix))
            """)
        return AdminCreatedKey(id: id, secret: secret)
    }

    private static func validName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmed.count) else {
            throw AdminStoreError(.invalidValue, "A key's name must hold 1 to 200 characters.")
        }
        return trimmed
    }
}
