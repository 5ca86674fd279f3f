import Foundation
import Postgres
import Storage

/// The PostgreSQL the test command starts (`TEST_DATABASE_URL`), migrated once per test process.
public enum TestDatabase {
    public struct Missing: Error, CustomStringConvertible {
        public let description =
            "TEST_DATABASE_URL is not set: run the tests with scripts/test, which starts PostgreSQL."
    }

    public static let sqlDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sql")

    private static let migrated: Result<PostgresPool, any Error> = Result {
        guard let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty else { throw Missing() }
        let pool = PostgresPool(configuration: PostgresConfiguration(connectionString: url, poolSize: 4))
        try MigrationRunner(pool: pool, directory: sqlDirectory).run()
        return pool
    }

    public static func pool() throws -> PostgresPool {
        try migrated.get()
    }
}
