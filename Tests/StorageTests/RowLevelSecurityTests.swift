import Foundation
import Postgres
import SCIM
import TestSupport
import Testing

@testable import Storage

/// The database itself refuses cross-tenant access: these queries run as the service's role, without the
/// repositories' `tenant_id` conditions.
@Suite("Row-level security keeps tenants apart in the database", .serialized)
struct RowLevelSecurityTests {
    static let tables = [
        "oidc_providers", "provisioning_tokens", "users", "scim_groups", "scim_group_members", "provisioning_events",
        "roles", "role_permissions", "user_identities", "mapping_rules", "teams", "business_units", "team_members",
        "business_unit_members", "provisioning_log", "admin_api_keys", "sign_in_attempts", "sessions",
        "dashboard_sign_in_links", "dashboard_sessions",
    ]

    @Test("the service role is neither superuser, owner of the tables, nor able to bypass row-level security")
    func serviceRoleCannotBypass() throws {
        let pool = try TestDatabase.pool()
        let row = try pool.withConnection { connection in
            try connection.query(
                """
                SELECT r.rolsuper, r.rolbypassrls,
                    (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned
                FROM pg_roles r WHERE r.rolname = current_user
                """
            ).rows[0]
        }
        #expect(try row.decode("rolsuper", as: Bool.self) == false)
        #expect(try row.decode("rolbypassrls", as: Bool.self) == false)
        let owned = try pool.withConnection { connection in
            try connection.query(
                """
                SELECT count(*) AS owned FROM pg_tables
                WHERE schemaname = 'public' AND tableowner = current_user AND tablename = ANY(\(Self.tables))
                """
            ).rows[0].decode("owned", as: Int.self)
        }
        #expect(owned == 0)
    }

    /// Tables the fixtures below fill for the first tenant, so an empty answer proves the policy, not an empty table.
    static let populated = [
        "oidc_providers", "provisioning_tokens", "users", "scim_groups", "scim_group_members",
    ]

    @Test("every tenant-owned table has row-level security enabled with the tenant policy")
    func everyTableHasPolicy() throws {
        let rows = try TestDatabase.pool().withConnection { connection in
            try connection.query(
                """
                SELECT c.relname, c.relrowsecurity,
                    EXISTS (SELECT 1 FROM pg_policies p
                        WHERE p.tablename = c.relname AND p.policyname = 'tenant_isolation') AS has_policy
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname = ANY(\(Self.tables))
                """
            ).rows
        }
        #expect(rows.count == Self.tables.count)
        for row in rows {
            let name = try row.decode("relname", as: String.self)
            #expect(try row.decode("relrowsecurity", as: Bool.self), "\(name) has no row-level security")
            #expect(try row.decode("has_policy", as: Bool.self), "\(name) has no tenant_isolation policy")
        }
    }

    /// The list above is written by hand; this finds every table with a `tenant_id` column, so a table a later
    /// migration adds without a policy fails here.
    @Test("every table with a tenant_id column, listed or not, has row-level security and the tenant policy")
    func everyTenantColumnHasPolicy() throws {
        let unprotected = try TestDatabase.pool().withConnection { connection in
            try connection.query(
                """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                    AND EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
                    AND NOT (c.relrowsecurity AND EXISTS (SELECT 1 FROM pg_policies p
                        WHERE p.schemaname = 'public' AND p.tablename = c.relname
                            AND p.policyname = 'tenant_isolation'))
                ORDER BY c.relname
                """
            ).rows.map { try $0.decode("relname", as: String.self) }
        }
        #expect(unprotected == [])
    }

    @Test("with another tenant set, or none, a tenant's rows are invisible", arguments: populated)
    func noRowsAcrossTenants(table: String) throws {
        let first = try StorageFixtures()
        let second = try StorageFixtures()
        let user = try first.user(#"{"userName":"rls@example.com"}"#)
        let group = try first.group("RLS")
        _ = try first.groups {
            try $0.applyMembership(
                SCIMMembershipChange(add: [SCIMMember(value: user.id.uuidString)]), groupID: group.id)
        }
        _ = try AdministrationRepository(pool: first.pool).enableSCIM(providerID: first.provider.id)
        let count =
            PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(table) WHERE tenant_id = ")
            + "\(first.tenant.id)"
        let seenFromSecond = try second.database.transaction { tenant in
            try tenant.connection.query(count).rows[0].decode("n", as: Int.self)
        }
        let seenWithoutTenant = try first.pool.withConnection { connection in
            try connection.query(count).rows[0].decode("n", as: Int.self)
        }
        let seenByOwner = try TestDatabase.ownerPool().withConnection { connection in
            try connection.query(count).rows[0].decode("n", as: Int.self)
        }
        #expect(seenByOwner > 0, "the fixture must fill \(table) for this test to prove anything")
        #expect(seenFromSecond == 0)
        #expect(seenWithoutTenant == 0)
    }

    @Test("writing a row for another tenant is refused by the database")
    func crossTenantWriteRefused() throws {
        let first = try StorageFixtures()
        let second = try StorageFixtures()
        do {
            try second.database.transaction { tenant in
                _ = try tenant.connection.query(
                    """
                    INSERT INTO users (tenant_id, id, user_name, attributes)
                    VALUES (\(first.tenant.id), \(UUID()), 'intruder@example.com', '{}'::jsonb)
                    """)
            }
            Issue.record("a row for another tenant was written")
        } catch let error as PostgresError {
            #expect(error.sqlState == .insufficientPrivilege)
        }
        let updated = try second.database.transaction { tenant in
            try tenant.connection.query(
                "UPDATE users SET display_name = 'changed' WHERE tenant_id = \(first.tenant.id)"
            ).affectedRows
        }
        #expect(updated == 0)
    }
}
