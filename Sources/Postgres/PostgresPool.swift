import Dispatch
import Synchronization

/// A thread-safe pool of `PostgresConnection`s for blocking worker threads. Connections open lazily up to
/// `poolSize`; a caller waits up to `acquireTimeout` for one, then gets `poolTimeout`. A connection goes back
/// to the pool only when healthy and idle (no open or failed transaction, no `COPY`); otherwise it is closed,
/// so no transaction leaks into the next lease. The lock is held only to update `PostgresPoolStateMachine`;
/// connecting and closing happen after it is released.
public final class PostgresPool: Sendable {
    /// How often `withTransaction` runs its body again after a serialization failure or deadlock.
    public static let transactionRetryLimit = 3

    public let configuration: PostgresConfiguration
    private let state: Mutex<PostgresPoolStateMachine<PooledConnection, DispatchSemaphore>>

    public init(configuration: PostgresConfiguration) {
        self.configuration = configuration
        state = Mutex(PostgresPoolStateMachine(maxConnections: configuration.poolSize))
    }

    public var statistics: PostgresPoolStatistics {
        state.withLock { $0.statistics }
    }

    /// Leases a connection for `body` and returns it afterwards. When the connection turns out dead before
    /// any statement succeeded (a pooled connection that outlived a server restart), `body` runs once more on
    /// a fresh connection; `body` must therefore not have effects outside the database before its first query.
    @discardableResult
    public func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try lease()
        connection.successfulStatements = 0
        let value: T
        do {
            value = try body(connection)
        } catch let error as PostgresError
            where error.code == .connectionLost && !connection.isConnected && connection.successfulStatements == 0
        {
            // The slot stays leased and a new connection takes the dead one's place, so the retry cannot pick
            // another stale connection from the idle list. The dead one is dropped without returning.
            return try runAndRelease(body, on: try open())
        } catch {
            release(connection)
            throw error
        }
        release(connection)
        return value
    }

    /// Closes idle connections and refuses new leases with `poolClosed`; waiting callers get `poolClosed` too.
    /// Connections in use are closed when their callers return them.
    public func close() {
        // The idle connections are dropped, and so closed, as soon as the lock is released.
        let (_, waiters) = state.withLock { $0.close() }
        for waiter in waiters { waiter.signal() }
    }

    private func lease() throws -> PostgresConnection {
        let semaphore = DispatchSemaphore(value: 0)
        let deadline = DispatchTime.now() + max(0, configuration.acquireTimeout)
        var action = state.withLock { $0.lease(semaphore) }
        while true {
            switch action {
            case .use(let pooled):
                return pooled.connection
            case .open:
                return try open()
            case .wait(let id):
                let timedOut = semaphore.wait(timeout: deadline) == .timedOut
                action = state.withLock { $0.resume(id, timedOut: timedOut) }
            case .timedOut:
                throw PostgresError(code: .poolTimeout)
            case .closed:
                throw PostgresError(code: .poolClosed)
            }
        }
    }

    /// Opens a connection for a reserved slot, handing the slot on if that fails.
    private func open() throws -> PostgresConnection {
        do {
            return try PostgresConnection(configuration: configuration)
        } catch {
            state.withLock { $0.openFailed() }?.signal()
            throw error
        }
    }

    private func runAndRelease<T>(
        _ body: (PostgresConnection) throws -> T, on connection: PostgresConnection
    ) throws -> T {
        defer { release(connection) }
        return try body(connection)
    }

    private func release(_ connection: PostgresConnection) {
        let reusable = connection.isHealthy
        let pooled = PooledConnection(connection: connection)
        let wakeup = state.withLock { $0.release(pooled, reusable: reusable) }
        wakeup.waiterToWake?.signal()
        // A connection to close is dropped here, outside the lock; its handle's deinit calls PQfinish.
    }
}

/// Moves a connection in and out of the pool's mutex. Safe to mark Sendable because the pool gives each
/// connection to exactly one leaseholder at a time, and hand-overs happen under the pool's lock, so no two
/// threads ever use the connection at once.
struct PooledConnection: @unchecked Sendable {
    let connection: PostgresConnection
}
