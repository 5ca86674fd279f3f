import Testing

@testable import Postgres

@Suite("PostgresPoolStateMachine")
struct PostgresPoolStateMachineTests {
    typealias Machine = PostgresPoolStateMachine<String, String>

    @Test("connections open lazily up to the limit, then callers wait")
    func opensLazilyThenWaits() {
        var machine = Machine(maxConnections: 2)
        #expect(machine.statistics == PostgresPoolStatistics(open: 0, inUse: 0, idle: 0, waiting: 0))
        guard case .open = machine.lease("a") else { Issue.record("expected open"); return }
        guard case .open = machine.lease("b") else { Issue.record("expected open"); return }
        guard case .wait = machine.lease("c") else { Issue.record("expected wait"); return }
        #expect(machine.statistics == PostgresPoolStatistics(open: 2, inUse: 2, idle: 0, waiting: 1))
    }

    @Test("a released healthy connection is reused by the next lease")
    func reusesIdle() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease("a")
        let wakeup = machine.release("conn1", reusable: true)
        #expect(wakeup.connectionToClose == nil && wakeup.waiterToWake == nil)
        #expect(machine.statistics == PostgresPoolStatistics(open: 1, inUse: 0, idle: 1, waiting: 0))
        guard case .use("conn1") = machine.lease("b") else { Issue.record("expected reuse"); return }
    }

    @Test("a released healthy connection goes straight to the first waiter")
    func handsOverToWaiter() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease("a")
        guard case .wait(let first) = machine.lease("b"), case .wait(let second) = machine.lease("c") else {
            Issue.record("expected waits")
            return
        }
        let wakeup = machine.release("conn1", reusable: true)
        #expect(wakeup.waiterToWake == "b")
        #expect(wakeup.connectionToClose == nil)
        guard case .use("conn1") = machine.resume(first, timedOut: false) else { Issue.record("expected use"); return }
        guard case .wait = machine.resume(second, timedOut: false) else { Issue.record("expected wait"); return }
        #expect(machine.statistics == PostgresPoolStatistics(open: 1, inUse: 1, idle: 0, waiting: 1))
    }

    @Test("an unhealthy connection is closed and its slot passed to a waiter to open anew")
    func unhealthyIsClosed() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease("a")
        guard case .wait(let id) = machine.lease("b") else { Issue.record("expected wait"); return }
        let wakeup = machine.release("broken", reusable: false)
        #expect(wakeup.connectionToClose == "broken")
        #expect(wakeup.waiterToWake == "b")
        guard case .open = machine.resume(id, timedOut: false) else { Issue.record("expected open"); return }
        #expect(machine.statistics == PostgresPoolStatistics(open: 1, inUse: 1, idle: 0, waiting: 0))
    }

    @Test("an unhealthy connection with nobody waiting frees its slot")
    func unhealthyFreesSlot() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease("a")
        #expect(machine.release("broken", reusable: false).connectionToClose == "broken")
        #expect(machine.statistics == PostgresPoolStatistics(open: 0, inUse: 0, idle: 0, waiting: 0))
    }

    @Test("a waiter that times out leaves the queue")
    func timeout() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease("a")
        guard case .wait(let id) = machine.lease("b") else { Issue.record("expected wait"); return }
        guard case .timedOut = machine.resume(id, timedOut: true) else { Issue.record("expected timeout"); return }
        #expect(machine.statistics.waiting == 0)
        #expect(machine.release("conn1", reusable: true).waiterToWake == nil)
        #expect(machine.statistics.idle == 1)
    }

    @Test("a connection handed over just as the waiter times out is still delivered")
    func grantBeatsTimeout() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease("a")
        guard case .wait(let id) = machine.lease("b") else { Issue.record("expected wait"); return }
        _ = machine.release("conn1", reusable: true)
        guard case .use("conn1") = machine.resume(id, timedOut: true) else { Issue.record("expected use"); return }
        #expect(machine.statistics == PostgresPoolStatistics(open: 1, inUse: 1, idle: 0, waiting: 0))
    }

    @Test("a failed open frees the slot or hands it to a waiter")
    func openFailure() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease("a")
        #expect(machine.openFailed() == nil)
        #expect(machine.statistics.open == 0)
        _ = machine.lease("a")
        guard case .wait(let id) = machine.lease("b") else { Issue.record("expected wait"); return }
        #expect(machine.openFailed() == "b")
        guard case .open = machine.resume(id, timedOut: false) else { Issue.record("expected open"); return }
        #expect(machine.statistics.inUse == 1)
    }

    @Test("closing returns the idle connections and closes leased ones as they come back")
    func closingWithIdle() {
        var machine = Machine(maxConnections: 2)
        _ = machine.lease("a")
        _ = machine.lease("b")
        _ = machine.release("conn1", reusable: true)
        let closed = machine.close()
        #expect(closed.connections == ["conn1"])
        #expect(closed.waiters.isEmpty)
        #expect(machine.release("conn2", reusable: true).connectionToClose == "conn2")
        #expect(machine.statistics == PostgresPoolStatistics(open: 0, inUse: 0, idle: 0, waiting: 0))
    }

    @Test("closing wakes waiters with closed and refuses new leases")
    func closingWithWaiters() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease("a")
        guard case .wait(let id) = machine.lease("b") else { Issue.record("expected wait"); return }
        let closed = machine.close()
        #expect(closed.waiters == ["b"])
        guard case .closed = machine.resume(id, timedOut: false) else { Issue.record("expected closed"); return }
        guard case .closed = machine.lease("c") else { Issue.record("expected closed"); return }
        let wakeup = machine.release("conn1", reusable: true)
        #expect(wakeup.connectionToClose == "conn1" && wakeup.waiterToWake == nil)
        #expect(machine.statistics == PostgresPoolStatistics(open: 0, inUse: 0, idle: 0, waiting: 0))
    }
}
