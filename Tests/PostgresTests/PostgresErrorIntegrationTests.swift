import Foundation
import Postgres
import Testing

extension PostgresIntegrationTests {
    @Suite("server errors")
    struct ServerErrors {
        @Test("a unique violation reports SQLState.uniqueViolation and the constraint name")
        func uniqueViolation() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let table = TestDatabase.uniqueTable("unique")
            let columns =
                "id serial PRIMARY KEY, user_name text NOT NULL, CONSTRAINT \(table)_name_key UNIQUE (user_name)"
            try pool.withConnection { try $0.execute(simple: "CREATE TABLE \(table) (\(columns))") }
            defer { _ = try? pool.withConnection { try $0.execute(simple: "DROP TABLE \(table)") } }

            try pool.withConnection { try $0.query("INSERT INTO \(unescaped: table) (user_name) VALUES (\("alice"))") }
            let error = #expect(throws: PostgresError.self) {
                try pool.withConnection {
                    try $0.query("INSERT INTO \(unescaped: table) (user_name) VALUES (\("alice"))")
                }
            }
            #expect(error?.code == .queryFailed)
            #expect(error?.sqlState == .uniqueViolation)
            #expect(error?.constraint == "\(table)_name_key")
            #expect(error?.serverMessage?.contains("duplicate key") == true)
            #expect(error?.description == "PostgreSQL query failed (23505)")
            #expect(pool.statistics.idle == 1, "a failed statement outside a transaction leaves the connection usable")
        }

        struct Case: Sendable, CustomTestStringConvertible {
            let sql: String
            let state: SQLState
            var testDescription: String { sql }
        }

        @Test(
            "server failures carry their SQLSTATE",
            arguments: [
                Case(sql: "SELECT * FROM pgtest_no_such_table", state: .undefinedTable),
                Case(sql: "SELEC 1", state: .syntaxError),
                Case(sql: "SELECT 'x'::int", state: .invalidTextRepresentation),
                Case(sql: "SELECT 1/0", state: SQLState(rawValue: "22012")),
                Case(sql: "SELECT nope FROM (SELECT 1 AS a) AS t", state: .undefinedColumn),
            ])
        func sqlStates(_ example: Case) throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let error = #expect(throws: PostgresError.self) {
                try pool.withConnection { try $0.query(PostgresQuery(unsafeSQL: example.sql)) }
            }
            #expect(error?.code == .queryFailed)
            #expect(error?.sqlState == example.state)
        }

        @Test("a placeholder without a bind is refused before reaching the server")
        func invalidQuery() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let error = #expect(throws: PostgresError.self) {
                try pool.withConnection { try $0.query(PostgresQuery(unsafeSQL: "SELECT $2", binds: [.null])) }
            }
            #expect(error?.code == .invalidQuery)
        }

        @Test("the statement timeout set on connect cancels a slow query with queryCanceled")
        func statementTimeout() throws {
            let pool = PostgresPool(configuration: try TestDatabase.configuration(statementTimeoutMilliseconds: 100))
            try pool.withConnection { connection in
                let setting = try connection.query("SHOW statement_timeout").rows.first
                #expect(try setting?.decode("statement_timeout", as: String.self) == "100ms")
                let error = #expect(throws: PostgresError.self) { try connection.query("SELECT pg_sleep(2)") }
                #expect(error?.sqlState == .queryCanceled)
                #expect(error?.code == .queryFailed)
            }
        }

        @Test("connections use UTC, ISO dates and UTF-8")
        func sessionSettings() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let row = try pool.withConnection { connection in
                try #require(
                    try connection.query(
                        """
                        SELECT current_setting('TimeZone') AS zone, current_setting('DateStyle') AS style,
                               current_setting('client_encoding') AS encoding, current_setting('bytea_output') AS bytea
                        """
                    ).rows.first)
            }
            #expect(try row.decode("zone", as: String.self) == "UTC")
            #expect(try row.decode("style", as: String.self) == "ISO, MDY")
            #expect(try row.decode("encoding", as: String.self) == "UTF8")
            #expect(try row.decode("bytea", as: String.self) == "hex")
        }

        @Test("a statement lost to DISCARD ALL is prepared again")
        func reprepareAfterDiscard() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try pool.withConnection { connection in
                let query: PostgresQuery = "SELECT \(41) + 1 AS answer"
                #expect(try connection.query(query).rows.first?.decode("answer", as: Int.self) == 42)
                try connection.execute(simple: "DISCARD ALL")
                #expect(try connection.query(query).rows.first?.decode("answer", as: Int.self) == 42)
            }
        }

        @Test("a statement whose result type changed with the schema is prepared again")
        func reprepareAfterSchemaChange() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try TestDatabase.withTable("schema", columns: "a integer", on: pool) { table in
                try pool.withConnection { connection in
                    try connection.query("INSERT INTO \(unescaped: table) VALUES (\(Int32(1)))")
                    let select: PostgresQuery = "SELECT * FROM \(unescaped: table)"
                    #expect(try connection.query(select).rows.first?.columnNames == ["a"])
                    try connection.execute(simple: "ALTER TABLE \(table) ADD COLUMN b text DEFAULT 'x'")
                    #expect(try connection.query(select).rows.first?.columnNames == ["a", "b"])
                }
            }
        }

        @Test("each SQL text is prepared once per connection and the cache stays within its limit")
        func preparedStatementCache() throws {
            var configuration = try TestDatabase.configuration(poolSize: 1)
            configuration.preparedStatementCacheSize = 2
            let pool = PostgresPool(configuration: configuration)
            try pool.withConnection { connection in
                for value in 0..<3 { try connection.query("SELECT \(value) AS v") }
                let prepared: PostgresQuery = "SELECT count(*) AS n FROM pg_prepared_statements"
                #expect(try connection.query(prepared).rows.first?.decode("n", as: Int.self) == 2)
                for shape in ["a", "b", "c"] { try connection.query("SELECT \(1) AS \(unescaped: shape)") }
                #expect(try connection.query(prepared).rows.first?.decode("n", as: Int.self) == 2)
                #expect(try connection.query("SELECT \(7) AS a").rows.first?.decode("a", as: Int.self) == 7)
            }
        }
    }
}
