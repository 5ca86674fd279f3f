/// The pool's bookkeeping as a value: events in, actions out. It holds no lock and does no I/O; the pool
/// calls it under its mutex and performs the returned actions (open, close, wake) after unlocking.
/// Generic over the connection and waiter types so it is tested without a database.
///
/// Invariant: `idle.count + leased <= maxConnections`, where `leased` counts connections handed out, slots
/// reserved for a connection being opened, and grants a woken waiter has not picked up yet.
struct PostgresPoolStateMachine<Connection, Waiter> {
    typealias WaiterID = Int

    /// What a caller asking for a connection must do next.
    enum LeaseAction {
        /// Use this connection.
        case use(Connection)
        /// A slot is reserved: open a new connection, and report `openFailed()` if that fails.
        case open
        /// Block until woken or timed out, then call `resume(_:timedOut:)` with this id.
        case wait(WaiterID)
        case timedOut
        case closed
    }

    /// What the pool must do after a release: close a connection and/or wake a waiter.
    struct Wakeup {
        var connectionToClose: Connection?
        var waiterToWake: Waiter?
    }

    private enum Grant {
        case use(Connection)
        case open
        case closed
    }

    let maxConnections: Int
    private var idle: [Connection] = []
    private var leased = 0
    private var waiters: [(id: WaiterID, waiter: Waiter)] = []
    private var grants: [WaiterID: Grant] = [:]
    private var nextWaiterID = 0
    private(set) var isClosed = false

    init(maxConnections: Int) {
        precondition(maxConnections > 0, "a PostgreSQL pool needs at least one connection")
        self.maxConnections = maxConnections
    }

    var statistics: PostgresPoolStatistics {
        PostgresPoolStatistics(open: idle.count + leased, inUse: leased, idle: idle.count, waiting: waiters.count)
    }

    /// The most recently returned idle connection, else a slot to open one, else a place in the queue.
    mutating func lease(_ waiter: Waiter) -> LeaseAction {
        if isClosed { return .closed }
        if let connection = idle.popLast() {
            leased += 1
            return .use(connection)
        }
        if idle.count + leased < maxConnections {
            leased += 1
            return .open
        }
        nextWaiterID += 1
        waiters.append((nextWaiterID, waiter))
        return .wait(nextWaiterID)
    }

    /// A waiter woke up. A grant made before its timeout fired still counts, so no connection is lost to
    /// the race between a hand-over and a timeout.
    mutating func resume(_ id: WaiterID, timedOut: Bool) -> LeaseAction {
        if let grant = grants.removeValue(forKey: id) {
            switch grant {
            case .use(let connection): return .use(connection)
            case .open: return .open
            case .closed: return .closed
            }
        }
        guard timedOut else { return .wait(id) }
        waiters.removeAll { $0.id == id }
        return .timedOut
    }

    /// A leaseholder is done. A reusable connection goes to the first waiter, else to the idle list; any
    /// other connection is closed and its slot goes to the first waiter, who opens a new one.
    mutating func release(_ connection: Connection, reusable: Bool) -> Wakeup {
        guard reusable, !isClosed else {
            leased -= 1
            return Wakeup(connectionToClose: connection, waiterToWake: isClosed ? nil : grantToFirstWaiter(.open))
        }
        if let waiter = grantToFirstWaiter(.use(connection)) {
            return Wakeup(waiterToWake: waiter)
        }
        leased -= 1
        idle.append(connection)
        return Wakeup()
    }

    /// Opening a connection for a reserved slot failed: the slot goes to the first waiter, if any.
    mutating func openFailed() -> Waiter? {
        leased -= 1
        return isClosed ? nil : grantToFirstWaiter(.open)
    }

    /// Refuses further leases; returns the idle connections to close and the waiters to wake (they get
    /// `.closed`). Leased connections are closed as they come back.
    mutating func close() -> (connections: [Connection], waiters: [Waiter]) {
        isClosed = true
        let connections = idle
        idle = []
        let woken = waiters
        waiters = []
        for entry in woken { grants[entry.id] = .closed }
        return (connections, woken.map(\.waiter))
    }

    private mutating func grantToFirstWaiter(_ grant: Grant) -> Waiter? {
        guard !waiters.isEmpty else { return nil }
        let first = waiters.removeFirst()
        grants[first.id] = grant
        if case .open = grant { leased += 1 }
        return first.waiter
    }
}
