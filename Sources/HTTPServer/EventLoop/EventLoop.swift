import Glibc

/// The single thread that accepts connections, reads and parses requests, enforces timeouts and
/// connection limits, and hands complete requests to the workers.
///
/// It owns every connection and is confined to its own thread: created and run there, so it needs
/// no locks. A worker touches a connection's socket only between `dispatch` and its completion,
/// while the connection is not registered for reading. The loop does no blocking I/O; its writes
/// are the 100-continue line and the overload answer, both best-effort and non-blocking.
final class EventLoop {
    /// Bytes read per readiness event; a connection with more is woken again at once.
    private static let readChunkBytes = 65_536

    /// How long accepting pauses when the process is out of descriptors.
    private static let acceptBackoff = 0.1

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// How long the listener stays open at shutdown after it stops completing new handshakes, so that one whose SYN
    /// was already answered still lands in the accept queue: its final ACK comes one round trip later, well under a
    /// millisecond on loopback or a LAN, a few across zones. One unfinished at the close is reset. Kept short because
    /// every SYN dropped meanwhile waits for its retransmit, a second later (nginx under load, two replica stops:
    /// 0.1 s delayed about seven requests by 1 s, 0.02 s about three).
    static let handshakeSettleTime = 0.02

    private let context: ServerContext
    private let epoll: Epoll
    private var listener: FileDescriptor?
    private var connections: [Int32: ServedConnection] = [:]
    private var readBuffer = [UInt8](repeating: 0, count: EventLoop.readChunkBytes)
    private var events = Epoll.Events(capacity: 256)
    private let sweepInterval: Double
    private var acceptResumesAt: Double?
    private var shutdownStarted = false
    /// Set at shutdown while the listener, no longer completing new handshakes, takes in the last ones.
    private var listenerClosesAt: Double?

    init(context: ServerContext, epoll: Epoll, listener: FileDescriptor) {
        self.context = context
        self.epoll = epoll
        self.listener = listener
        let configuration = context.configuration
        let shortest = [
            configuration.headerReadTimeout, configuration.bodyReadTimeout,
            configuration.keepAliveIdleTimeout, configuration.closeLingerTimeout,
        ].min()!
        sweepInterval = min(0.1, max(0.01, shortest / 5))
    }

    /// Runs until shutdown has finished, then closes every connection it still holds.
    func run() {
        var nextSweep = MonotonicClock.now() + sweepInterval
        while true {
            let before = MonotonicClock.now()
            let wakeAt = min(nextSweep, shutdownStarted ? context.deadline : .infinity, listenerClosesAt ?? .infinity)
            let ready: [Int32]
            do throws(HTTPServerError) {
                ready = try epoll.wait(into: &events, timeout: wakeAt - before)
            } catch {
                // Only a broken epoll descriptor gets here; nothing can be served without it.
                break
            }

            let now = MonotonicClock.now()
            for descriptor in ready {
                if descriptor == context.wakeup.readEnd.rawValue {
                    context.wakeup.drain()
                } else if descriptor == listener?.rawValue {
                    acceptConnections(now: now)
                } else if let connection = connections[descriptor] {
                    readFrom(connection, now: now)
                }
            }
            for completion in context.takeCompletions() {
                finish(completion, now: now)
            }
            if now >= nextSweep {
                sweep(now: now)
                nextSweep = now + sweepInterval
            }
            if !shutdownStarted, context.draining.load(ordering: .acquiring) {
                beginShutdown()
            }
            if let closesAt = listenerClosesAt, now >= min(closesAt, context.deadline) {
                closeListener(now: now)
            }
            if shutdownStarted, shutdownFinished(now: now) {
                break
            }
        }
        for connection in Array(connections.values) {
            close(connection)
        }
    }

    // MARK: Accepting

    private func acceptConnections(now: Double) {
        guard let listener else { return }
        for _ in 0..<128 {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let accepted: Int32
            do throws(HTTPServerError) {
                accepted = try withUnsafeMutablePointer(to: &storage) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                        Result { () throws(HTTPServerError) in
                            try SystemCall.run("accept") { accept(listener.rawValue, address, &length) }
                        }
                    }
                }.get()
            } catch {
                switch error.errno {
                case ECONNABORTED, EPROTO, EPERM:
                    // The client gave up while queued, or a firewall refused it; take the next one.
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors: a level-triggered listener would spin, so stop listening
                    // for a moment. Waiting clients stay in the backlog.
                    epoll.remove(listener.rawValue)
                    acceptResumesAt = now + Self.acceptBackoff
                    return
                default:
                    return
                }
            }

            let socket = FileDescriptor(accepted)
            guard (try? socket.prepareAccepted()) != nil else { continue }
            if connections.count >= context.configuration.maxConnections, !evictLongestWaiting() {
                rejectForCapacity(socket)
                continue
            }
            let remote = SocketAddress(storage: storage, length: length).ipText
            var machine = ConnectionStateMachine(configuration: context.configuration, now: now)
            if shutdownStarted {
                // Taken in during shutdown: read for the idle grace, answered with `Connection: close`. A
                // connection that is still reading gets no action from this.
                _ = machine.shutdownBegan(now: now)
            }
            guard (try? epoll.add(accepted, events: Epoll.readableOnce)) != nil else { continue }
            connections[accepted] = ServedConnection(socket: socket, remoteAddress: remote, machine: machine)
            context.openConnections.store(connections.count, ordering: .relaxed)
        }
    }

    /// At `maxConnections`, closes the connections that have waited longest for their clients (idle, or still
    /// sending a request), so new ones can be served. Without it, anyone opening `maxConnections` sockets and sending
    /// nothing would shut everyone else out for as long as they kept opening them (found by a security review); now
    /// such sockets push out each other, and a client that sends its request promptly always gets in. Connections a
    /// worker holds are never closed. A sixty-fourth of the limit goes at once, so a flood of new connections costs
    /// one scan of the table per batch rather than per connection. Returns false when every connection is with a
    /// worker.
    private func evictLongestWaiting() -> Bool {
        let waiting = connections.values.compactMap { connection -> (deadline: Double, ServedConnection)? in
            guard !connection.machine.isAwaitingResponse, let deadline = connection.machine.deadline else { return nil }
            return (deadline, connection)
        }
        guard !waiting.isEmpty else { return false }
        let batch = max(1, context.configuration.maxConnections / 64)
        for (_, connection) in waiting.sorted(by: { $0.deadline < $1.deadline }).prefix(batch) {
            close(connection)
        }
        return true
    }

    /// Beyond `maxConnections`: one non-blocking attempt at a 503, then close.
    private func rejectForCapacity(_ socket: FileDescriptor) {
        let response = context.failureResponder(.serviceUnavailable, HTTPServerFailure.serviceUnavailable.status)
        let framing = HTTPResponse.Framing(omitsBody: false, closesConnection: true, confirmsKeepAlive: false)
        let bytes = response.serialized(framing, date: HTTPDate.now())
        _ = bytes.withUnsafeBytes { try? socket.sendNow($0) }
    }

    // MARK: Connections

    private func readFrom(_ connection: ServedConnection, now: Double) {
        let action: ConnectionStateMachine.Action
        do throws(HTTPServerError) {
            let count = try readBuffer.withUnsafeMutableBytes { buffer in
                Result { () throws(HTTPServerError) in try connection.socket.receive(into: buffer) }
            }.get()
            if count == 0 {
                action = connection.machine.receivedEndOfStream(now: now)
            } else {
                action = connection.machine.received(readBuffer[0..<count], now: now)
            }
        } catch {
            action = error.wouldBlock ? .awaitBytes : .close
        }
        perform(action, on: connection)
    }

    private func finish(_ completion: WorkerCompletion, now: Double) {
        guard let connection = connections[completion.descriptor] else { return }
        let action =
            switch completion.outcome {
            case .keptAlive: connection.machine.responseWritten(keepAlive: true, now: now)
            case .closing: connection.machine.responseWritten(keepAlive: false, now: now)
            case .writeFailed: connection.machine.writeFailed()
            }
        perform(action, on: connection)
    }

    private func sweep(now: Double) {
        let expired = connections.values.filter { connection in
            connection.machine.deadline.map { now >= $0 } ?? false
        }
        for connection in expired {
            perform(connection.machine.deadlinePassed(now: now), on: connection)
        }
        if let resume = acceptResumesAt, now >= resume, let listener {
            acceptResumesAt = nil
            try? epoll.add(listener.rawValue, events: Epoll.readable)
        }
    }

    private func perform(_ action: ConnectionStateMachine.Action, on connection: ServedConnection) {
        switch action {
        case .nothing:
            return
        case .awaitBytes:
            arm(connection)
        case .sendContinueThenAwaitBytes:
            // 100 Continue is advisory (RFC 9110 §10.1.1): if the socket cannot take it now the
            // client sends the body after its own wait. Only a partial write corrupts the stream.
            let sent = Self.continueLine.withUnsafeBytes { try? connection.socket.sendNow($0) }
            if let sent, sent != 0, sent != Self.continueLine.count {
                close(connection)
            } else {
                arm(connection)
            }
        case .dispatch(var request, let keepAlive):
            request.remoteAddress = connection.remoteAddress
            context.jobs.enqueue(.respond(connection.socket, request, keepAlive: keepAlive))
        case .respondWithFailure(let failure):
            context.jobs.enqueue(.reportFailure(connection.socket, failure))
        case .halfCloseAndDrain:
            connection.socket.shutdown(Int32(SHUT_WR))
            arm(connection)
        case .close:
            close(connection)
        }
    }

    private func arm(_ connection: ServedConnection) {
        do throws(HTTPServerError) {
            try epoll.rearm(connection.socket.rawValue, events: Epoll.readableOnce)
        } catch {
            close(connection)
        }
    }

    /// Forgets the connection; the descriptor closes when no worker holds it any more.
    private func close(_ connection: ServedConnection) {
        epoll.remove(connection.socket.rawValue)
        connections[connection.socket.rawValue] = nil
        context.openConnections.store(connections.count, ordering: .relaxed)
    }

    // MARK: Shutdown

    /// Closing a listener resets every connection still in its accept queue (Linux `inet_csk_listen_stop`), and
    /// the client has usually written its request on it: nginx does not resend a POST or PATCH after that. So the
    /// listener first stops completing new handshakes, takes in those under way for `handshakeSettleTime`, and
    /// only then closes; a client that tries later is refused, and nginx tries another replica.
    private func beginShutdown() {
        shutdownStarted = true
        let now = MonotonicClock.now()
        for connection in Array(connections.values) {
            perform(connection.machine.shutdownBegan(now: now), on: connection)
        }
        guard let listener else { return }
        do throws(HTTPServerError) {
            try listener.ignoreNewHandshakes()
            listenerClosesAt = now + Self.handshakeSettleTime
            acceptConnections(now: now)
        } catch {
            // No socket filter here (not Linux, or refused): close at once. A handshake that completes between
            // the last accept and the close is then reset.
            closeListener(now: now)
        }
    }

    /// Takes in the connections the kernel has completed, then closes the listener; the kernel refuses new
    /// connections from then on.
    private func closeListener(now: Double) {
        guard let listener else { return }
        acceptConnections(now: now)
        epoll.remove(listener.rawValue)
        self.listener = nil
        listenerClosesAt = nil
    }

    /// Done when the listener is closed and no worker holds a connection. At the deadline, connections still with
    /// a worker are cut (`SHUT_RDWR`) so their clients see the end at once, and queued requests are dropped.
    private func shutdownFinished(now: Double) -> Bool {
        guard listener == nil else { return false }
        let busy = connections.values.filter { $0.machine.holdsShutdown }
        if busy.isEmpty { return true }
        guard now >= context.deadline else { return false }
        context.abandoned.store(true, ordering: .releasing)
        for connection in busy where connection.machine.isAwaitingResponse {
            connection.socket.shutdown(Int32(SHUT_RDWR))
        }
        return true
    }
}
