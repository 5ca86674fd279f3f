import Foundation
import Identity
import Postgres
import SCIM
import TestSupport
import Testing

@testable import Storage

@Suite("The provisioning log stores, pages, prunes and isolates entries per provider", .serialized)
struct ProvisioningLogRepositoryTests {
    static func record(
        _ provider: UUID, _ index: Int, at date: Date, dialect: SCIMDialect = .okta, quirks: [SCIMQuirk] = []
    ) -> ProvisioningLogRecord {
        ProvisioningLogRecord(
            providerID: provider, requestID: "req-\(index)", method: "PATCH", route: "/scim/v2/Users/{id}",
            status: 200, dialect: dialect, quirks: quirks,
            request: .object(["path": .string("/scim/v2/Users"), "body": .object(["active": .bool(false)])]),
            response: .object(["userName": .string("<string:5>")]), durationMilliseconds: 1.25 + Double(index),
            occurredAt: date)
    }

    /// Entries one second apart, the last the newest.
    static func records(_ provider: UUID, count: Int, from start: Date = Date(timeIntervalSinceNow: -3600))
        -> [ProvisioningLogRecord]
    {
        (0..<count).map { record(provider, $0, at: start.addingTimeInterval(Double($0))) }
    }

    func repository(_ fixtures: StorageFixtures) -> ProvisioningLogRepository {
        ProvisioningLogRepository(database: fixtures.database)
    }

    @Test("an entry reads back with every field, typed")
    func roundTrip() throws {
        let fixtures = try StorageFixtures()
        let occurred = Date(timeIntervalSince1970: 1_790_000_000.123456)
        let written = Self.record(
            fixtures.provider.id, 7, at: occurred, dialect: .entraCompliant, quirks: [.opCase, .booleanAsString])
        try repository(fixtures).record([written])
        let entries = try repository(fixtures).recent(providerID: fixtures.provider.id)
        let entry = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(entry.providerID == written.providerID)
        #expect(entry.requestID == "req-7")
        #expect(entry.method == "PATCH")
        #expect(entry.route == "/scim/v2/Users/{id}")
        #expect(entry.status == 200)
        #expect(entry.dialect == .entraCompliant)
        #expect(entry.quirks == [.opCase, .booleanAsString])
        #expect(entry.request == written.request)
        #expect(entry.response == written.response)
        #expect(entry.durationMilliseconds == 8.25)
        #expect(abs(entry.occurredAt.timeIntervalSince(occurred)) < 0.000_01)
    }

    @Test("an entry without bodies reads back with none")
    func noBodies() throws {
        let fixtures = try StorageFixtures()
        var written = Self.record(fixtures.provider.id, 1, at: Date())
        written.request = nil
        written.response = nil
        try repository(fixtures).record([written])
        let entry = try #require(try repository(fixtures).recent(providerID: fixtures.provider.id).first)
        #expect(entry.request == nil)
        #expect(entry.response == nil)
    }

    @Test("recent pages newest first, and the last id of a page leads to the next")
    func paging() throws {
        let fixtures = try StorageFixtures()
        try repository(fixtures).record(Self.records(fixtures.provider.id, count: 7))
        var seen: [String] = []
        var cursor: Int64?
        repeat {
            let page = try repository(fixtures).recent(providerID: fixtures.provider.id, limit: 3, before: cursor)
            #expect(page.count <= 3)
            seen += page.map(\.requestID)
            cursor = page.count == 3 ? page.last?.id : nil
        } while cursor != nil
        #expect(seen == (0..<7).reversed().map { "req-\($0)" })
    }

    @Test("entries that occurred at the same instant page in a stable order without gaps or repeats")
    func ties() throws {
        let fixtures = try StorageFixtures()
        let now = Date()
        try repository(fixtures).record((0..<5).map { Self.record(fixtures.provider.id, $0, at: now) })
        let first = try repository(fixtures).recent(providerID: fixtures.provider.id, limit: 2)
        let second = try repository(fixtures).recent(
            providerID: fixtures.provider.id, limit: 10, before: first.last?.id)
        #expect(Set((first + second).map(\.requestID)).count == 5)
        #expect(first.count + second.count == 5)
    }

    @Test("the page size is clamped to 1…500")
    func clamped() throws {
        let fixtures = try StorageFixtures()
        try repository(fixtures).record(Self.records(fixtures.provider.id, count: 3))
        #expect(try repository(fixtures).recent(providerID: fixtures.provider.id, limit: 0).count == 1)
        #expect(try repository(fixtures).recent(providerID: fixtures.provider.id, limit: -5).count == 1)
        #expect(try repository(fixtures).recent(providerID: fixtures.provider.id, limit: 10_000).count == 3)
    }

    @Test("pruning keeps the newest entries of the provider and no others", arguments: [1, 4, 10, 20])
    func pruneByCount(keep: Int) throws {
        let fixtures = try StorageFixtures()
        try repository(fixtures).record(Self.records(fixtures.provider.id, count: 10))
        let removed = try repository(fixtures).prune(providerID: fixtures.provider.id, keep: keep)
        let left = try repository(fixtures).recent(providerID: fixtures.provider.id, limit: 100).map(\.requestID)
        #expect(removed == max(10 - keep, 0))
        #expect(left == (0..<10).reversed().prefix(keep).map { "req-\($0)" })
    }

    @Test("pruning removes entries older than the cutoff even below the count limit")
    func pruneByAge() throws {
        let fixtures = try StorageFixtures()
        let old = Date(timeIntervalSinceNow: -40 * 86_400)
        try repository(fixtures).record(Self.records(fixtures.provider.id, count: 3, from: old))
        try repository(fixtures).record([Self.record(fixtures.provider.id, 9, at: Date())])
        let removed = try repository(fixtures).prune(
            providerID: fixtures.provider.id, keep: 1000, olderThan: Date(timeIntervalSinceNow: -30 * 86_400))
        #expect(removed == 3)
        #expect(try repository(fixtures).recent(providerID: fixtures.provider.id).map(\.requestID) == ["req-9"])
    }

    @Test("two providers of one tenant see and prune only their own entries")
    func providersApart() throws {
        let fixtures = try StorageFixtures()
        let other = try AdministrationRepository(pool: fixtures.pool).createProvider(
            tenantID: fixtures.tenant.id, name: "Entra", issuer: nil, clientID: nil)
        try repository(fixtures).record(Self.records(fixtures.provider.id, count: 4) + Self.records(other.id, count: 2))
        try repository(fixtures).prune(providerID: fixtures.provider.id, keep: 1)
        #expect(try repository(fixtures).recent(providerID: fixtures.provider.id).count == 1)
        #expect(try repository(fixtures).recent(providerID: other.id).count == 2)
        #expect(try repository(fixtures).recent(providerID: other.id).allSatisfy { $0.providerID == other.id })
    }

    @Test("one tenant can neither read nor prune another's entries, in both directions")
    func tenantsApart() throws {
        let first = try StorageFixtures()
        let second = try StorageFixtures()
        try repository(first).record(Self.records(first.provider.id, count: 3))
        try repository(second).record(Self.records(second.provider.id, count: 2))
        for (reader, owner, count) in [(first, second, 2), (second, first, 3)] {
            #expect(try repository(reader).recent(providerID: owner.provider.id) == [])
            let ownersNewest = try repository(owner).recent(providerID: owner.provider.id, limit: 1)
            #expect(
                try repository(reader).recent(providerID: owner.provider.id, before: ownersNewest.first?.id) == [])
            #expect(try repository(reader).prune(providerID: owner.provider.id, keep: 1) == 0)
            #expect(try repository(owner).recent(providerID: owner.provider.id).count == count)
        }
    }

    @Test("the database itself hides the rows from another tenant's transaction, and refuses writing for it")
    func rowLevelSecurity() throws {
        let first = try StorageFixtures()
        let second = try StorageFixtures()
        try repository(first).record(Self.records(first.provider.id, count: 2))
        let visible = try second.database.transaction { transaction in
            try transaction.connection.query(
                "SELECT count(*) AS n FROM provisioning_log WHERE provider_id = \(first.provider.id)"
            ).rows[0].decode("n", as: Int.self)
        }
        #expect(visible == 0)
        #expect(throws: PostgresError.self) {
            try second.database.transaction { transaction in
                _ = try transaction.connection.query(
                    """
                    INSERT INTO provisioning_log (tenant_id, provider_id, request_id, method, route, status, dialect,
                        duration_ms)
                    VALUES (\(first.tenant.id), \(first.provider.id), 'x', 'GET', '/', 200, 'okta', 1)
                    """)
            }
        }
    }

    @Test("reading a page and pruning walk the provider index, never the whole table")
    func indexUse() throws {
        let fixtures = try StorageFixtures()
        let queries = [
            ProvisioningLogRepository.recentQuery(
                tenantID: fixtures.tenant.id, providerID: fixtures.provider.id, limit: 50, before: 42),
            ProvisioningLogRepository.pruneQuery(
                tenantID: fixtures.tenant.id, providerID: fixtures.provider.id, keep: 1000, cutoff: Date()),
        ]
        for query in queries {
            let plan = try fixtures.database.transaction { transaction in
                _ = try transaction.connection.query("SET LOCAL enable_seqscan = off")
                return try transaction.connection.query(
                    PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds)
                ).rows.map { try $0.decode("QUERY PLAN", as: String.self) }.joined(separator: "\n")
            }
            #expect(!plan.contains("Seq Scan on provisioning_log"), "\(plan)")
            #expect(plan.contains("provisioning_log_by_provider"), "\(plan)")
        }
    }
}
