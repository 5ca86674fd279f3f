import Foundation
import Postgres
import Testing

extension PostgresIntegrationTests {
    @Suite("transactions")
    struct Transactions {
        struct Abort: Error {}

        private func count(_ table: String, on pool: PostgresPool) throws -> Int {
            try pool.withConnection { try $0.value("SELECT count(*) FROM \(unescaped: table)", as: Int.self) }
        }

        @Test("a transaction commits its statements and returns the body's value")
        func commits() throws {
            let pool = try TestDatabase.pool(poolSize: 2)
            try TestDatabase.withTable("commit", columns: "n integer", on: pool) { table in
                let value = try pool.withTransaction { connection in
                    try connection.query("INSERT INTO \(unescaped: table) VALUES (\(Int32(1))), (\(Int32(2)))")
                    return "done"
                }
                #expect(value == "done")
                #expect(try count(table, on: pool) == 2)
            }
        }

        @Test("a thrown error rolls the transaction back and the connection returns to the pool clean")
        func rollsBack() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try TestDatabase.withTable("rollback", columns: "n integer", on: pool) { table in
                #expect(throws: Abort.self) {
                    try pool.withTransaction { connection in
                        try connection.query("INSERT INTO \(unescaped: table) VALUES (\(Int32(1)))")
                        throw Abort()
                    }
                }
                let remaining = try count(table, on: pool)
                #expect(remaining == 0)
                #expect(pool.statistics == PostgresPoolStatistics(open: 1, inUse: 0, idle: 1, waiting: 0))
            }
        }

        @Test("a failed statement rolls back the statements before it")
        func failedStatementRollsBack() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try TestDatabase.withTable("failed", columns: "n integer NOT NULL", on: pool) { table in
                let error = #expect(throws: PostgresError.self) {
                    try pool.withTransaction { connection in
                        try connection.query("INSERT INTO \(unescaped: table) VALUES (\(Int32(1)))")
                        try connection.query("INSERT INTO \(unescaped: table) VALUES (\(Int32?.none))")
                    }
                }
                #expect(error?.sqlState == .notNullViolation)
                let remaining = try count(table, on: pool)
                #expect(remaining == 0)
            }
        }

        @Test("a body that swallows a failed statement gets inFailedSQLTransaction, not a silent rollback")
        func swallowedFailure() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            try TestDatabase.withTable("swallow", columns: "n integer NOT NULL", on: pool) { table in
                let error = #expect(throws: PostgresError.self) {
                    try pool.withTransaction { connection in
                        try connection.query("INSERT INTO \(unescaped: table) VALUES (\(Int32(1)))")
                        _ = try? connection.query("INSERT INTO \(unescaped: table) VALUES (\(Int32?.none))")
                    }
                }
                #expect(error?.sqlState == .inFailedSQLTransaction)
                let remaining = try count(table, on: pool)
                #expect(remaining == 0)
            }
        }

        @Test(
            "the requested isolation level is in force inside the body",
            arguments: [
                (PostgresIsolation.readCommitted, "read committed"), (.repeatableRead, "repeatable read"),
                (.serializable, "serializable"),
            ])
        func isolation(level: PostgresIsolation, name: String) throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let shown = try pool.withTransaction(isolation: level) { connection in
                try connection.value("SHOW transaction_isolation", as: String.self)
            }
            #expect(shown == name)
        }

        @Test("a serialization failure runs the whole body again and then commits")
        func serializationRetry() throws {
            let pool = try TestDatabase.pool(poolSize: 2)
            try TestDatabase.withTable("retry", columns: "id integer PRIMARY KEY, n integer", on: pool) { table in
                try pool.withConnection { try $0.query("INSERT INTO \(unescaped: table) VALUES (1, 0)") }
                var attempts = 0
                try pool.withTransaction(isolation: .repeatableRead) { connection in
                    attempts += 1
                    try connection.query("SELECT n FROM \(unescaped: table) WHERE id = 1")
                    if attempts == 1 {
                        try pool.withConnection { other in
                            try other.query("UPDATE \(unescaped: table) SET n = n + 10 WHERE id = 1")
                        }
                    }
                    try connection.query("UPDATE \(unescaped: table) SET n = n + 1 WHERE id = 1")
                }
                #expect(attempts == 2)
                let value = try pool.withConnection { try $0.value("SELECT n FROM \(unescaped: table)", as: Int.self) }
                #expect(value == 11)
            }
        }

        @Test("serialization failures are retried at most transactionRetryLimit times")
        func retryLimit() throws {
            let pool = try TestDatabase.pool(poolSize: 2)
            try TestDatabase.withTable("limit", columns: "id integer PRIMARY KEY, n integer", on: pool) { table in
                try pool.withConnection { try $0.query("INSERT INTO \(unescaped: table) VALUES (1, 0)") }
                var attempts = 0
                let error = #expect(throws: PostgresError.self) {
                    try pool.withTransaction(isolation: .repeatableRead) { connection in
                        attempts += 1
                        try connection.query("SELECT n FROM \(unescaped: table) WHERE id = 1")
                        try pool.withConnection { other in
                            try other.query("UPDATE \(unescaped: table) SET n = n + 10 WHERE id = 1")
                        }
                        try connection.query("UPDATE \(unescaped: table) SET n = n + 1 WHERE id = 1")
                    }
                }
                #expect(error?.sqlState == .serializationFailure)
                #expect(attempts == PostgresPool.transactionRetryLimit + 1)
                #expect(pool.statistics.inUse == 0)
            }
        }

        @Test("a connection left inside a transaction is closed instead of returned")
        func openTransactionIsNotReturned() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let firstPID = try pool.withConnection { connection in
                try connection.execute(simple: "BEGIN")
                #expect(!connection.isHealthy)
                return try connection.backendPID()
            }
            #expect(pool.statistics == PostgresPoolStatistics(open: 0, inUse: 0, idle: 0, waiting: 0))
            let (healthy, secondPID) = try pool.withConnection { ($0.isHealthy, try $0.backendPID()) }
            #expect(healthy)
            #expect(secondPID != firstPID)
        }

        @Test("a body that commits on its own is reported as a misuse")
        func bodyEndsTransaction() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let error = #expect(throws: PostgresError.self) {
                try pool.withTransaction { try $0.execute(simple: "COMMIT") }
            }
            #expect(error?.code == .invalidQuery)
        }
    }
}
