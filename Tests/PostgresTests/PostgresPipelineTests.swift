import Foundation
import Postgres
import Testing

extension PostgresIntegrationTests {
    @Suite("pipelines and deferred statements")
    struct Pipelines {
        private func count(_ table: String, on pool: PostgresPool) throws -> Int {
            try pool.withConnection { try $0.value("SELECT count(*) FROM \(unescaped: table)", as: Int.self) }
        }

        @Test("a pipeline returns each statement's rows in order, binds included")
        func resultsInOrder() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let results = try pool.withConnection { connection in
                try connection.pipeline([
                    "SELECT \(Int32(1)) + 1 AS n", "SELECT \("a") || \("b") AS s", "SELECT generate_series(1, 3) AS n",
                ])
            }
            #expect(results.count == 3)
            #expect(try results[0].rows[0].decode("n", as: Int.self) == 2)
            #expect(try results[1].rows[0].decode("s", as: String.self) == "ab")
            #expect(try results[2].rows.map { try $0.decode("n", as: Int.self) } == [1, 2, 3])
        }

        @Test("outside a transaction a pipeline is one implicit transaction: a failure undoes the statements before it")
        func implicitTransaction() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try TestDatabase.withTable("implicit", columns: "n integer NOT NULL", on: pool) { table in
                let error = #expect(throws: PostgresError.self) {
                    try pool.withConnection { connection in
                        try connection.pipeline([
                            "INSERT INTO \(unescaped: table) VALUES (\(Int32(1)))",
                            "INSERT INTO \(unescaped: table) VALUES (\(Int32?.none))",
                            "INSERT INTO \(unescaped: table) VALUES (\(Int32(3)))",
                        ])
                    }
                }
                #expect(error?.sqlState == .notNullViolation)
                let remaining = try count(table, on: pool)
                #expect(remaining == 0)
                // The connection went back to the pool usable, out of pipeline mode.
                #expect(pool.statistics.idle == 1)
                let seven = try pool.withConnection { try $0.value("SELECT 7", as: Int.self) }
                #expect(seven == 7)
            }
        }

        @Test("set_config(…, true) in a pipeline holds for the statements after it, and not beyond the pipeline")
        func settingScope() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try pool.withConnection { connection in
                let results = try connection.pipeline([
                    "SELECT set_config('app.pipeline_test', \("on"), true)",
                    "SELECT current_setting('app.pipeline_test', true) AS v",
                ])
                #expect(try results[1].rows[0].decode("v", as: String.self) == "on")
                let after = try connection.query("SELECT coalesce(current_setting('app.pipeline_test', true), '') AS v")
                #expect(try after.rows[0].decode("v", as: String.self) == "")
            }
        }

        @Test("a deferred statement runs first, in the next query's round trip, inside the same transaction")
        func deferredRunsFirst() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try pool.withTransaction { connection in
                connection.deferUntilNextQuery("SELECT set_config('app.pipeline_test', \("deferred"), true)")
                let value = try connection.value(
                    "SELECT current_setting('app.pipeline_test', true) AS v", as: String.self)
                #expect(value == "deferred")
            }
        }

        @Test("BEGIN is deferred: the transaction's statements still commit or roll back together")
        func deferredBegin() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try TestDatabase.withTable("deferred", columns: "n integer NOT NULL", on: pool) { table in
                #expect(throws: PostgresError.self) {
                    try pool.withTransaction { connection in
                        try connection.query("INSERT INTO \(unescaped: table) VALUES (\(Int32(1)))")
                        try connection.query("INSERT INTO \(unescaped: table) VALUES (\(Int32?.none))")
                    }
                }
                #expect(try count(table, on: pool) == 0)
                let backendCount = try pool.withTransaction { connection in
                    try connection.query("INSERT INTO \(unescaped: table) VALUES (\(Int32(1)))")
                    return try connection.value("SELECT count(*) FROM \(unescaped: table)", as: Int.self)
                }
                #expect(backendCount == 1)
                #expect(try count(table, on: pool) == 1)
            }
        }

        @Test("a transaction whose body runs no statement sends nothing and leaves the connection idle")
        func emptyTransaction() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let value = try pool.withTransaction { _ in 42 }
            #expect(value == 42)
            try pool.withConnection { connection in
                #expect(connection.isHealthy)
                let one = try connection.value("SELECT 1", as: Int.self)
                #expect(one == 1)
            }
        }

        @Test("a failing deferred statement is the error thrown, and the query after it does not run")
        func deferredFailure() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try TestDatabase.withTable("deferfail", columns: "n integer NOT NULL", on: pool) { table in
                let error = #expect(throws: PostgresError.self) {
                    try pool.withConnection { connection in
                        connection.deferUntilNextQuery("SELECT 1 / \(Int32(0))")
                        try connection.query("INSERT INTO \(unescaped: table) VALUES (\(Int32(1)))")
                    }
                }
                #expect(error?.sqlState == SQLState(rawValue: "22012"))
                let remaining = try count(table, on: pool)
                #expect(remaining == 0)
            }
        }

        @Test("a prepared statement the server lost is prepared again, even when it travels in a pipeline")
        func lostStatement() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try pool.withConnection { connection in
                _ = try connection.pipeline(["SELECT \(Int32(5)) AS n"])
                try connection.execute(simple: "DEALLOCATE ALL")
                let results = try connection.pipeline(["SELECT \(Int32(5)) AS n"])
                #expect(try results[0].rows[0].decode("n", as: Int.self) == 5)
            }
        }

        @Test("a pipelined transaction shares one snapshot under repeatable read and returns only the queries' rows")
        func pipelinedTransaction() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try TestDatabase.withTable("snapshot", columns: "n integer NOT NULL", on: pool) { table in
                let results = try pool.withConnection { connection in
                    connection.deferUntilNextQuery("SELECT set_config('app.pipeline_test', \("tx"), true)")
                    return try connection.pipelinedTransaction(
                        isolation: .repeatableRead,
                        [
                            "SELECT current_setting('transaction_isolation') AS level",
                            "INSERT INTO \(unescaped: table) VALUES (\(Int32(1))) RETURNING n",
                            "SELECT current_setting('app.pipeline_test', true) AS v",
                        ])
                }
                #expect(results.count == 3)
                #expect(try results[0].rows[0].decode("level", as: String.self) == "repeatable read")
                #expect(try results[2].rows[0].decode("v", as: String.self) == "tx")
                let committed = try count(table, on: pool)
                #expect(committed == 1)
                #expect(pool.statistics.idle == 1)
            }
        }

        @Test("a failure inside a pipelined transaction rolls all of it back and the connection stays usable")
        func pipelinedTransactionFailure() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try TestDatabase.withTable("txfail", columns: "n integer NOT NULL", on: pool) { table in
                let error = #expect(throws: PostgresError.self) {
                    try pool.withConnection { connection in
                        try connection.pipelinedTransaction(
                            isolation: .readCommitted,
                            [
                                "INSERT INTO \(unescaped: table) VALUES (\(Int32(1)))",
                                "INSERT INTO \(unescaped: table) VALUES (\(Int32?.none))",
                            ])
                    }
                }
                #expect(error?.sqlState == .notNullViolation)
                let remaining = try count(table, on: pool)
                #expect(remaining == 0)
                #expect(pool.statistics.idle == 1)
            }
        }

        @Test("a pipeline far larger than the socket buffers completes: results are read while statements are sent")
        func largePipeline() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            // About 4 MB of statements and 8 MB of results: the server blocks on a full socket unless the client
            // takes its answers in while it is still writing (a governance recompute of a huge group's members).
            let padding = String(repeating: "x", count: 400)
            let queries: [PostgresQuery] = (0..<20_000).map { "SELECT \(Int64($0)) AS n, repeat(\(padding), 1) AS p" }
            let results = try pool.withConnection { try $0.pipeline(queries) }
            #expect(results.count == 20_000)
            #expect(try results[19_999].rows[0].decode("n", as: Int.self) == 19_999)
            #expect(pool.statistics.idle == 1)
        }

        @Test("a NUL in a bind is refused before anything is sent, and deferred statements are dropped")
        func nulRefused() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try pool.withConnection { connection in
                connection.deferUntilNextQuery("SELECT 1")
                #expect(throws: PostgresError.self) { try connection.pipeline(["SELECT \("a\u{0}b")"]) }
                #expect(connection.isHealthy)
            }
        }
    }
}
