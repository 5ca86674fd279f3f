import Foundation
import Postgres
import SCIM
import TestSupport
import Testing

@testable import Storage

@Suite("IdP lookups run on indexes", .serialized)
struct IndexUseTests {
    /// With sequential scans priced out, a plan still scans the table only when no index can answer the predicate, so
    /// this proves the generated SQL is indexable whatever the table size.
    @Test(
        "the lookups IdPs make use their own index under row-level security",
        arguments: [
            ("userName eq \"Alice@Example.com\"", "users_by_user_name_lower"),
            ("externalId eq \"00u1\"", "users_by_external_id"),
            ("displayName eq \"Alice Ng\"", "users_by_display_name_lower"),
            ("id eq \"0b5e0a57-8d3f-4a36-9a0f-3c1d3c1f7b10\"", "users_pkey"),
            ("userName eq \"a\" or externalId eq \"b\"", "users_by_user_name_lower"),
        ])
    func lookupsUseIndexes(filter: String, index: String) throws {
        let fixtures = try Self.populated()
        let parsed = try SCIMFilter.parse(filter, resourceType: .user)
        let plan = try fixtures.database.transaction { tenant in
            let connection = tenant.connection
            _ = try connection.query("SET LOCAL enable_seqscan = off")
            let repository = tenant.users
            let request = PageRequest(filter: parsed, limit: 10)
            let query = TenantScopedUserRepository.pagedQuery
            // The count has no ORDER BY, so on a small table the planner still shows which index answers the
            // filter; a filter built from a function that is not leakproof could not use one under the policy.
            let count = query.countQuery(try query.condition(request, base: repository.listScope))
            return try connection.query(PostgresQuery(unsafeSQL: "EXPLAIN " + count.sql, binds: count.binds)).rows
                .map { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")
        }
        #expect(!plan.contains("Seq Scan on users"), "\(plan)")
        #expect(plan.contains(index), "\(plan)")
        #expect(!plan.contains("Filter: (user_name_lower"), "the userName comparison must be an index condition")
    }

    /// A tenant of 20,000 people, analysed, so the planner chooses as it would in production; made once per run.
    private static let tenantWithPeople = Result { () throws -> StorageFixtures in
        let fixtures = try StorageFixtures()
        try TestDatabase.ownerPool().withConnection { connection in
            try connection.query(
                """
                INSERT INTO users (tenant_id, id, user_name, external_id, display_name, managing_provider_id, attributes)
                SELECT \(fixtures.tenant.id), gen_random_uuid(), 'person' || i || '@example.com', 'ext-' || i,
                    'Person ' || i, \(fixtures.provider.id), jsonb_build_object('userName', 'person' || i || '@example.com')
                FROM generate_series(1, 20000) AS i
                """)
            try connection.execute(simple: "ANALYZE users")
        }
        return fixtures
    }

    private static func populated() throws -> StorageFixtures { try tenantWithPeople.get() }
}
