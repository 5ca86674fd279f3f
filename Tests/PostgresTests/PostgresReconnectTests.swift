import Foundation
import Glibc
import Postgres
import Testing

extension PostgresIntegrationTests {
    @Suite("reconnecting")
    struct Reconnect {
        /// Runs `command` with `/bin/sh -c` and returns its exit status. Foundation's `Process.waitUntilExit`
        /// was seen never returning here once the command had started a daemon, so this waits with `waitpid`.
        private func runShell(_ command: String) throws -> Int32 {
            var pid: pid_t = 0
            let arguments = ["/bin/sh", "-c", command]
            let cArguments = arguments.map { strdup($0) } + [nil]
            defer { for argument in cArguments { free(argument) } }
            let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, cArguments, environ)
            try #require(spawned == 0, "posix_spawn failed with \(spawned)")
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return (status >> 8) & 0xff
        }

        /// Ends a backend from another pool and waits until it is gone.
        private func terminate(_ pid: Int) throws {
            let admin = try TestDatabase.pool(poolSize: 1)
            let ended = try admin.withConnection { connection in
                try connection.value("SELECT pg_terminate_backend(\(Int32(pid)), 5000)", as: Bool.self)
            }
            #expect(ended)
        }

        @Test("a pooled connection that died while idle is replaced and the work runs once on the new one")
        func staleConnectionIsReplaced() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let first = try pool.withConnection { try $0.backendPID() }
            try terminate(first)
            var runs = 0
            let second = try pool.withConnection { connection in
                runs += 1
                return try connection.backendPID()
            }
            #expect(second != first)
            #expect(runs == 2)
            #expect(pool.statistics == PostgresPoolStatistics(open: 1, inUse: 0, idle: 1, waiting: 0))
        }

        @Test("a transaction on a pooled connection that died while idle begins again on a new one")
        func staleConnectionInTransaction() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            let first = try pool.withConnection { try $0.backendPID() }
            try terminate(first)
            let second = try pool.withTransaction(isolation: .serializable) { try $0.backendPID() }
            #expect(second != first)
        }

        @Test("a connection lost after a statement succeeded is reported, not retried")
        func lostMidworkIsReported() throws {
            let pool = try TestDatabase.pool(poolSize: 1)
            var runs = 0
            let error = #expect(throws: PostgresError.self) {
                try pool.withConnection { connection in
                    runs += 1
                    try terminate(try connection.backendPID())
                    try connection.query("SELECT 1 AS one")
                }
            }
            #expect(error?.code == .connectionLost)
            #expect(runs == 1)
            #expect(pool.statistics.open == 0)
        }

        @Test("after the server restarts, the next calls succeed on new connections")
        func serverRestart() throws {
            guard let command = ProcessInfo.processInfo.environment["TEST_PG_RESTART_CMD"] else {
                Issue.record(
                    "TEST_PG_RESTART_CMD is not set; it must name a shell command that restarts the test server")
                return
            }
            let pool = try TestDatabase.pool(poolSize: 2)
            let before = try pool.withConnection { first in
                try pool.withConnection { second in [try first.backendPID(), try second.backendPID()] }
            }
            #expect(pool.statistics.idle == 2)

            let status = try runShell(command)
            try #require(status == 0, "the restart command exited with status \(status)")

            let after = try pool.withConnection { try $0.backendPID() }
            #expect(!before.contains(after))
            let inTransaction = try pool.withTransaction { try $0.backendPID() }
            #expect(!before.contains(inTransaction))
            #expect(pool.statistics.inUse == 0)
        }
    }
}
