import Foundation
import Postgres

/// Applies the numbered SQL files of `sql/` in order, each once, recording them in `schema_migrations`.
///
/// Safe to run from several replicas at once: an advisory lock serialises runners, and a file already recorded is
/// skipped. Each file runs in its own transaction, so a failing file leaves nothing half-applied.
public struct MigrationRunner: Sendable {
    public struct Migration: Sendable, Equatable {
        public let version: String
        public let name: String
        public let sql: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Arbitrary but fixed key for `pg_advisory_xact_lock`, shared by every replica.
    private static let lockKey: Int64 = 0x5C1A_6A7E

    private let pool: PostgresPool
    private let directory: URL

    public init(pool: PostgresPool, directory: URL) {
        self.pool = pool
        self.directory = directory
    }

    /// Migration files named `NNNN_description.sql`, sorted by their number.
    public func migrations() throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw Failure(description: "Cannot read the migrations folder \(directory.path).")
        }
        let migrations = try names.filter { $0.hasSuffix(".sql") }.sorted().map { file in
            let stem = String(file.dropLast(4))
            guard let separator = stem.firstIndex(of: "_"), stem[..<separator].allSatisfy(\.isNumber) else {
                throw Failure(description: "Migration file \(file) is not named NNNN_description.sql.")
            }
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return Migration(
                version: String(stem[..<separator]), name: String(stem[stem.index(after: separator)...]), sql: text)
        }
        // Versions are recorded by number alone, so two files with one number would leave one of them unapplied.
        let versions = migrations.map(\.version)
        if let repeated = versions.first(where: { version in versions.filter { $0 == version }.count > 1 }) {
            throw Failure(description: "Two migration files share the number \(repeated).")
        }
        return migrations
    }

    /// Applies every pending migration; returns the versions applied by this call.
    @discardableResult
    public func run() throws -> [String] {
        let all = try migrations()
        try pool.withConnection { connection in
            try connection.execute(
                simple: """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version text PRIMARY KEY,
                        name text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """)
        }
        var applied: [String] = []
        for migration in all {
            let didApply = try pool.withTransaction { connection -> Bool in
                _ = try connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey)::bigint)")
                let existing = try connection.query(
                    "SELECT 1 AS present FROM schema_migrations WHERE version = \(migration.version)")
                guard existing.rows.isEmpty else { return false }
                try connection.execute(simple: migration.sql)
                _ = try connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
                return true
            }
            if didApply { applied.append(migration.version) }
        }
        return applied
    }

    /// True when every migration file has been applied; used by readiness checks.
    public func isUpToDate() throws -> Bool {
        let expected = Set(try migrations().map(\.version))
        let rows = try pool.withConnection { connection -> [PostgresRow] in
            let table = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
            guard try table.rows.first?.decode("present", as: Bool.self) == true else { return [] }
            return try connection.query("SELECT version FROM schema_migrations").rows
        }
        let present = Set(try rows.map { try $0.decode("version", as: String.self) })
        return expected.isSubset(of: present)
    }
}
