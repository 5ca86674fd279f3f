import Foundation
import Postgres
import Synchronization
import Testing

extension PostgresIntegrationTests {
    @Suite("pool")
    struct Pool {
        @Test("connections open lazily and are reused")
        func lazyAndReused() throws {
            let pool = try TestDatabase.pool(poolSize: 3)
            #expect(pool.statistics == PostgresPoolStatistics(open: 0, inUse: 0, idle: 0, waiting: 0))
            let first = try pool.withConnection { connection in
                #expect(pool.statistics == PostgresPoolStatistics(open: 1, inUse: 1, idle: 0, waiting: 0))
                return try connection.backendPID()
            }
            let second = try pool.withConnection { try $0.backendPID() }
            #expect(first == second)
            #expect(pool.statistics == PostgresPoolStatistics(open: 1, inUse: 0, idle: 1, waiting: 0))
        }

        @Test("a caller waits acquireTimeout for a busy pool and then gets poolTimeout")
        func timeout() throws {
            let pool = try TestDatabase.pool(poolSize: 1, acquireTimeout: 0.2)
            let started = Date()
            let error = #expect(throws: PostgresError.self) {
                try pool.withConnection { _ in
                    try pool.withConnection { _ in }
                }
            }
            let waited = Date().timeIntervalSince(started)
            #expect(error?.code == .poolTimeout)
            #expect(waited >= 0.19 && waited < 2)
            #expect(pool.statistics == PostgresPoolStatistics(open: 1, inUse: 0, idle: 1, waiting: 0))
        }

        @Test("several threads share a small pool without losing updates or connections")
        func concurrentUse() throws {
            let pool = try TestDatabase.pool(poolSize: 3, acquireTimeout: 10)
            try TestDatabase.withTable("concurrent", columns: "id integer PRIMARY KEY, n integer", on: pool) { table in
                try pool.withConnection { try $0.query("INSERT INTO \(unescaped: table) VALUES (1, 0)") }
                let threads = 8
                let iterations = 20
                let failures = Mutex<[String]>([])
                let group = DispatchGroup()
                let maxOpen = Mutex(0)
                for _ in 0..<threads {
                    group.enter()
                    let thread = Thread {
                        defer { group.leave() }
                        do {
                            for _ in 0..<iterations {
                                try pool.withTransaction { connection in
                                    try connection.query("UPDATE \(unescaped: table) SET n = n + \(1) WHERE id = 1")
                                }
                                let open = pool.statistics.open
                                maxOpen.withLock { $0 = max($0, open) }
                            }
                        } catch {
                            failures.withLock { $0.append(String(describing: error)) }
                        }
                    }
                    thread.start()
                }
                #expect(group.wait(timeout: .now() + 15) == .success)
                #expect(failures.withLock { $0 }.isEmpty)
                let total = try pool.withConnection { try $0.value("SELECT n FROM \(unescaped: table)", as: Int.self) }
                #expect(total == threads * iterations)
                #expect(maxOpen.withLock { $0 } <= 3)
                let statistics = pool.statistics
                #expect(statistics.inUse == 0 && statistics.waiting == 0 && statistics.open <= 3)
            }
        }

        @Test("closing the pool refuses new leases and wakes waiting callers with poolClosed")
        func close() throws {
            let pool = try TestDatabase.pool(poolSize: 1, acquireTimeout: 5)
            let waiterError = Mutex<PostgresError?>(nil)
            let done = DispatchSemaphore(value: 0)
            try pool.withConnection { _ in
                Thread {
                    do {
                        try pool.withConnection { _ in }
                    } catch let error as PostgresError {
                        waiterError.withLock { $0 = error }
                    } catch {}
                    done.signal()
                }.start()
                let deadline = Date().addingTimeInterval(2)
                while pool.statistics.waiting == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
                pool.close()
                #expect(done.wait(timeout: .now() + 2) == .success)
            }
            #expect(waiterError.withLock { $0?.code } == .poolClosed)
            #expect(pool.statistics == PostgresPoolStatistics(open: 0, inUse: 0, idle: 0, waiting: 0))
            let error = #expect(throws: PostgresError.self) { try pool.withConnection { _ in } }
            #expect(error?.code == .poolClosed)
        }

        @Test("a key=value conninfo string connects as well as a URL")
        func conninfoString() throws {
            let url = try #require(URLComponents(string: try TestDatabase.configuration().connectionString))
            var parts = ["host=\(url.host ?? "127.0.0.1")", "connect_timeout=3"]
            if let port = url.port { parts.append("port=\(port)") }
            if !url.user.isNilOrEmpty { parts.append("user=\(url.user!)") }
            if !url.password.isNilOrEmpty { parts.append("password=\(url.password!)") }
            let database = String(url.path.dropFirst())
            if !database.isEmpty { parts.append("dbname=\(database)") }
            let pool = PostgresPool(
                configuration: PostgresConfiguration(connectionString: parts.joined(separator: " ")))
            let zone = try pool.withConnection { try $0.value("SELECT current_setting('TimeZone')", as: String.self) }
            #expect(zone == "UTC")
        }

        @Test("a server that cannot be reached gives connectionFailed and frees the slot")
        func connectionFailure() {
            let pool = PostgresPool(
                configuration: PostgresConfiguration(
                    connectionString: "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2", poolSize: 1))
            let error = #expect(throws: PostgresError.self) { try pool.withConnection { _ in } }
            #expect(error?.code == .connectionFailed)
            #expect(error?.description == "PostgreSQL connection could not be opened")
            #expect(pool.statistics.open == 0)
        }
    }
}

extension Optional where Wrapped == String {
    fileprivate var isNilOrEmpty: Bool {
        self?.isEmpty ?? true
    }
}
