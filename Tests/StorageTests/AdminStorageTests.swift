import Foundation
import Identity
import Postgres
import SCIM
import TestSupport
import Testing

@testable import Storage

@Suite("Admin storage: people pages at scale, keys, isolation", .serialized)
struct AdminStorageTests {
    /// 100,000 people in one tenant, written as the owner in one statement and analysed, so the planner sees the
    /// real table; the tenant (and its people) is deleted afterwards.
    private static func populatedTenant(_ body: (StorageFixtures) throws -> Void) throws {
        let fixtures = try StorageFixtures()
        let owner = try TestDatabase.ownerPool()
        defer {
            _ = try? owner.withConnection { try $0.query("DELETE FROM tenants WHERE id = \(fixtures.tenant.id)") }
            owner.close()
        }
        try owner.withConnection { connection in
            try connection.query(
                """
                INSERT INTO users (tenant_id, id, user_name, display_name, attributes)
                SELECT \(fixtures.tenant.id), gen_random_uuid(), 'user' || lpad(g::text, 6, '0') || '@example.com',
                    'Person ' || g, '{}'::jsonb
                FROM generate_series(1, 100000) AS g
                """)
            try connection.execute(simple: "ANALYZE users")
        }
        try body(fixtures)
    }

    /// The scan's plan as the gateway runs it, and what it read: a prepared statement, planned once for any values
    /// (`generic`, the gateway's `plan_cache_mode`) or for these values.
    private static func plan(
        _ fixtures: StorageFixtures, search: String?, after: String?, generic: Bool
    ) throws -> String {
        let page = AdminPageRequest(limit: 50, after: after.map { AdminCursor([$0]) })
        let scan = try AdminUserDirectory.scan(tenantID: fixtures.tenant.id, search: search, page)
        return try fixtures.database.transaction { tenant in
            let connection = tenant.connection
            // Types declared `unknown` are inferred from the statement, as when the gateway prepares it.
            let types = Array(repeating: "unknown", count: scan.binds.count).joined(separator: ", ")
            try connection.execute(simple: "PREPARE admin_scan(\(types)) AS " + scan.sql)
            try connection.execute(
                simple: "SET LOCAL plan_cache_mode = " + (generic ? "force_generic_plan" : "force_custom_plan"))
            // EXECUTE's arguments cannot be binds; these values are the test's own, written as literals.
            let arguments = scan.binds.map { bind in
                bind.text.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
            }
            let explain = PostgresQuery(
                unsafeSQL: "EXPLAIN ANALYZE EXECUTE admin_scan(\(arguments.joined(separator: ", ")))")
            let plan = try connection.query(explain).rows.map { try $0.decode("QUERY PLAN", as: String.self) }
            try connection.execute(simple: "DEALLOCATE admin_scan")
            return plan.joined(separator: "\n")
        }
    }

    /// The most rows any step of an analysed plan produced, or removed by a filter.
    private static func largestCount(in plan: String) -> Int {
        let pattern = /(?:actual time=[\d.]+ rows=|Rows Removed by Filter: )(\d+)/
        return plan.split(separator: "\n").flatMap { line in
            line.matches(of: pattern).compactMap { Int($0.output.1) }
        }.max() ?? 0
    }

    @Test("at 100,000 people every page and every search is an index range scan, deep pages included")
    func pagesStayIndexed() throws {
        try Self.populatedTenant { fixtures in
            for (search, after) in [
                (nil, nil), (nil, "user099000@example.com"), ("USER0999", nil), ("person 4242", nil),
                ("user05", "user050500@example.com"),
            ] as [(String?, String?)] {
                for generic in [true, false] {
                    let plan = try Self.plan(fixtures, search: search, after: after, generic: generic)
                    #expect(!plan.contains("Seq Scan"), "\(search ?? "-") \(after ?? "-"): \(plan)")
                    #expect(
                        plan.contains("users_by_user_name_lower_c") || plan.contains("users_by_display_name_lower_c"),
                        "\(plan)")
                    // A search or a deep page bounds every index scan by a name range, not by the tenant alone (the
                    // first page reads the tenant's index in order and stops at the limit). Whatever the estimates,
                    // no step reads or discards more than a few pages' worth of the 100,000 people.
                    let conditions = plan.split(separator: "\n").filter { $0.contains("Index Cond:") }
                    #expect(!conditions.isEmpty, "\(plan)")
                    if search != nil || after != nil {
                        #expect(conditions.allSatisfy { $0.contains("_lower") }, "\(plan)")
                    }
                    #expect(Self.largestCount(in: plan) < 1000, "\(plan)")
                }
            }
            let deep = try fixtures.database.transaction { tenant in
                try tenant.adminUsers.list(
                    search: nil, AdminPageRequest(limit: 3, after: AdminCursor(["user099998@example.com"])))
            }
            #expect(deep.items.map(\.userName) == ["user099999@example.com", "user100000@example.com"])
            #expect(deep.nextCursor == nil)
            let search = try fixtures.database.transaction { tenant in
                try tenant.adminUsers.list(search: "Person 4242", AdminPageRequest(limit: 20))
            }
            #expect(search.items.map(\.displayName) == ["Person 4242"] + (0...9).map { "Person 4242\($0)" })
        }
    }

    @Test("one tenant's transaction finds none of another tenant's people, teams, roles or providers by id")
    func repositoriesIsolateTenants() throws {
        let first = try StorageFixtures()
        let second = try StorageFixtures()
        let person = try second.user(#"{"userName":"hidden@example.com"}"#)
        let team = try second.database.transaction { try $0.adminGroupings(.team).create(name: "Hidden") }
        let role = try second.database.transaction {
            try $0.adminRoles.create(name: "Secret", permissions: [Permission(resource: "teams", operation: "read")])
        }
        try first.database.transaction { (tenant: TenantTransaction) throws -> Void in
            #expect(try tenant.adminUsers.detail(id: person.id) == nil)
            #expect(try tenant.adminGroupings(.team).find(id: team.id) == nil)
            #expect(try tenant.adminRoles.find(id: role.id) == nil)
            #expect(try tenant.adminProviders.find(id: second.provider.id) == nil)
            #expect(throws: AdminStoreError.self) { try tenant.adminGroupings(.team).delete(id: team.id) }
            #expect(throws: AdminStoreError.self) {
                try tenant.adminGrants.grant(.team, groupingID: nil, name: "Sneak", to: person.id)
            }
        }
        try second.database.transaction { (tenant: TenantTransaction) throws -> Void in
            #expect(try tenant.adminUsers.detail(id: person.id)?.userName == "hidden@example.com")
            #expect(try tenant.adminGroupings(.team).find(id: team.id)?.name == "Hidden")
        }
    }

    @Test("a key authenticates until revoked; a deployment key made by the owner reaches every tenant")
    func keys() throws {
        let fixtures = try StorageFixtures()
        let keys = AdminKeyRepository(pool: fixtures.pool)
        let created = try keys.createTenantKey(tenantID: fixtures.tenant.id, name: "ci")
        let principal = try keys.authenticate(keyHash: created.secret.hash)
        #expect(principal == AdminPrincipal(keyID: created.id, tenantID: fixtures.tenant.id))
        #expect(principal?.reaches(fixtures.tenant.id) == true)
        #expect(principal?.reaches(UUID()) == false)
        #expect(try keys.authenticate(keyHash: AdminAPIKeySecret.hash(of: created.secret.text + "x")) == nil)
        #expect(try keys.revoke(keyID: created.id, tenantID: fixtures.tenant.id))
        #expect(try keys.authenticate(keyHash: created.secret.hash) == nil)

        let owner = try TestDatabase.ownerPool()
        defer { owner.close() }
        let deployment = try AdminKeyRepository(pool: owner).createDeploymentKey(name: "ops")
        let wide = try keys.authenticate(keyHash: deployment.secret.hash)
        #expect(wide?.isDeploymentWide == true)
        #expect(wide?.reaches(UUID()) == true)
        #expect(try !keys.revoke(keyID: deployment.id, tenantID: fixtures.tenant.id))
        #expect(try AdminKeyRepository(pool: owner).revoke(keyID: deployment.id, tenantID: nil))
        #expect(throws: AdminStoreError.self) { try keys.createTenantKey(tenantID: UUID(), name: "nobody") }
    }

    @Test(
        "cursors round-trip and foreign or malformed ones are refused",
        arguments: [["a"], ["x", "y"], ["", "é\u{1}"]])
    func cursors(parts: [String]) throws {
        let cursor = AdminCursor(parts)
        #expect(AdminCursor(token: cursor.token) == cursor)
        #expect(AdminCursor(token: "not base64!") == nil)
        #expect(throws: AdminStoreError.self) { try cursor.parts(parts.count + 1) }
    }
}
