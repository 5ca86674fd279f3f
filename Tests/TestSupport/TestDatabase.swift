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

    /// Migrated as the schema's owner (`TEST_MIGRATION_DATABASE_URL`), then used as the service role, so every test
    /// runs under row-level security as the service does.
    private static let migrated: Result<PostgresPool, any Error> = Result {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["TEST_DATABASE_URL"], !url.isEmpty else { throw Missing() }
        let ownerURL = environment["TEST_MIGRATION_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? url
        let owner = PostgresPool(configuration: PostgresConfiguration(connectionString: ownerURL, poolSize: 1))
        try MigrationRunner(pool: owner, directory: sqlDirectory).run()
        owner.close()
        return PostgresPool(configuration: PostgresConfiguration(connectionString: url, poolSize: 4))
    }

    /// The schema owner's pool, which row-level security does not apply to; for tests that inspect raw rows.
    public static func ownerPool() throws -> PostgresPool {
        _ = try pool()
        let environment = ProcessInfo.processInfo.environment
        let url = environment["TEST_MIGRATION_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        guard let url else { throw Missing() }
        return PostgresPool(configuration: PostgresConfiguration(connectionString: url, poolSize: 1))
    }

    public static func pool() throws -> PostgresPool {
        try migrated.get()
    }
}
