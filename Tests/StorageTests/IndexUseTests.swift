import Foundation
import Postgres
import SCIM
import Testing

@testable import Storage

@Suite("IdP lookups run on indexes", .serialized)
struct IndexUseTests {
    /// With sequential scans priced out, a plan still scans the table only when no index can answer the predicate, so
    /// this proves the generated SQL is indexable whatever the table size.
    @Test(
        "the lookups IdPs make never need a sequential scan of users",
        arguments: [
            "userName eq \"Alice@Example.com\"", "externalId eq \"00u1\"", "displayName eq \"Alice Ng\"",
            "id eq \"0b5e0a57-8d3f-4a36-9a0f-3c1d3c1f7b10\"", "userName eq \"a\" or externalId eq \"b\"",
        ])
    func lookupsUseIndexes(filter: String) throws {
        let fixtures = try StorageFixtures()
        let parsed = try SCIMFilter.parse(filter, resourceType: .user)
        let plan = try fixtures.database.transaction { tenant in
            let connection = tenant.connection
            _ = try connection.query("SET LOCAL enable_seqscan = off")
            let repository = tenant.users
            let request = PageRequest(filter: parsed, limit: 10)
            let query = TenantScopedUserRepository.pagedQuery
            let page = try query.pageQuery(request, condition: try query.condition(request, base: repository.listScope))
            return try connection.query(PostgresQuery(unsafeSQL: "EXPLAIN " + page.sql, binds: page.binds)).rows
                .map { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")
        }
        #expect(!plan.contains("Seq Scan on users"), "\(plan)")
    }
}
