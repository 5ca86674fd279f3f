import Foundation
import Postgres
import Testing

/// Access to the test PostgreSQL named by `TEST_DATABASE_URL`. The project's test script always sets it, so
/// a missing variable fails the calling test instead of skipping it.
enum TestDatabase {
    private static let missingURL =
        "TEST_DATABASE_URL is not set; integration tests need a PostgreSQL URL such as "
        + "postgres://postgres@127.0.0.1:55432/postgres"

    static func configuration(
        poolSize: Int = 4, acquireTimeout: Double = 2, statementTimeoutMilliseconds: Int? = nil
    ) throws -> PostgresConfiguration {
        let url = try #require(
            ProcessInfo.processInfo.environment["TEST_DATABASE_URL"],
            "\(missingURL)")
        return PostgresConfiguration(
            connectionString: url, poolSize: poolSize, acquireTimeout: acquireTimeout,
            statementTimeoutMilliseconds: statementTimeoutMilliseconds)
    }

    static func pool(poolSize: Int = 4, acquireTimeout: Double = 2) throws -> PostgresPool {
        PostgresPool(configuration: try configuration(poolSize: poolSize, acquireTimeout: acquireTimeout))
    }

    /// A table name no other test or run uses; safe to interpolate with `unescaped:`.
    static func uniqueTable(_ purpose: String) -> String {
        "pgtest_\(purpose)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Creates a table from `columns`, runs `body`, and drops the table whatever happens.
    static func withTable<T>(
        _ purpose: String, columns: String, on pool: PostgresPool, _ body: (String) throws -> T
    ) throws -> T {
        let table = uniqueTable(purpose)
        try pool.withConnection { try $0.execute(simple: "CREATE TABLE \(table) (\(columns))") }
        defer { _ = try? pool.withConnection { try $0.execute(simple: "DROP TABLE IF EXISTS \(table)") } }
        return try body(table)
    }
}

/// Every test that touches the database runs in this serialized suite, because one of them restarts the
/// server; the nested suites live in their own files.
@Suite("PostgreSQL integration", .serialized)
struct PostgresIntegrationTests {}
