/// The life of one connection as events in, actions out; it owns the connection's parser and timers.
///
/// No sockets and no clock of its own: the event loop passes `now` in and carries out the returned
/// action, so keep-alive, pipelining, timeouts, lingering close and shutdown are testable as
/// sequences. A connection is in exactly one state: reading a request, waiting while a worker
/// answers one, draining input after a closing response, or closed.
struct ConnectionStateMachine: Sendable {
    enum Action: Sendable {
        /// Nothing to do until the next event.
        case nothing
        /// Wait for more bytes (re-arm the read interest).
        case awaitBytes
        /// Send `HTTP/1.1 100 Continue`, then wait for the body (RFC 9110 §10.1.1).
        case sendContinueThenAwaitBytes
        /// Hand the request to a worker; reads stop until `responseWritten`.
        case dispatch(HTTPRequest, keepAlive: Bool)
        /// Hand a failure to a worker to answer; the connection closes afterwards.
        case respondWithFailure(HTTPServerFailure)
        /// Stop sending (`SHUT_WR`) and keep reading, discarding, until the peer closes or the
        /// linger deadline passes, so unread input does not turn the close into a reset that
        /// destroys the response before the client has read it.
        case halfCloseAndDrain
        case close
    }

    /// Bytes read and discarded after a closing response before the connection is closed anyway.
    static let lingerByteBudget = 1 << 20

    /// How long an idle connection is still read after shutdown began. A load balancer may already have written
    /// a request onto a kept-alive connection; closing it unread would reset the connection and lose that
    /// request (nginx does not resend a POST or PATCH it has sent). Anything arriving now is answered with
    /// `Connection: close`.
    static let shutdownIdleGrace: Double = 1.5

    private enum State: Sendable {
        case reading
        case responding
        case draining(until: Double, budget: Int)
        case closed
    }

    private let configuration: HTTPServerConfiguration
    private var parser: HTTPRequestParser
    private var state = State.reading
    private var phase = HTTPRequestParser.Phase.idle
    private var phaseStarted: Double
    private var hasAnswered = false
    private var shuttingDown = false
    /// Set at shutdown: an idle connection closes at this time unless a request arrives first.
    private var idleGraceUntil: Double?

    init(configuration: HTTPServerConfiguration, now: Double) {
        self.configuration = configuration
        parser = HTTPRequestParser(
            limits: .init(
                maxRequestLineBytes: configuration.maxRequestLineBytes,
                maxHeaderBytes: configuration.maxHeaderBytes,
                maxBodyBytes: configuration.maxBodyBytes))
        phaseStarted = now
    }

    /// True while a worker holds the connection; shutdown waits for these.
    var isAwaitingResponse: Bool {
        if case .responding = state { true } else { false }
    }

    /// True while shutdown must still wait for this connection: a worker holds it, or it is being read during
    /// the shutdown grace.
    var holdsShutdown: Bool {
        switch state {
        case .responding: true
        case .reading: shuttingDown
        case .draining, .closed: false
        }
    }

    /// When the current wait expires, or nil while a worker holds the connection.
    ///
    /// A new connection gets `headerReadTimeout` to start its first request; a kept-alive one gets
    /// `keepAliveIdleTimeout`. Once a request starts, its head must be complete `headerReadTimeout`
    /// after its first byte, however slowly the bytes trickle in, and its body `bodyReadTimeout`
    /// after the head.
    var deadline: Double? {
        switch state {
        case .reading:
            switch phase {
            case .idle:
                min(
                    phaseStarted + (hasAnswered ? configuration.keepAliveIdleTimeout : configuration.headerReadTimeout),
                    idleGraceUntil ?? .infinity)
            case .head: phaseStarted + configuration.headerReadTimeout
            case .body: phaseStarted + configuration.bodyReadTimeout
            }
        case .draining(let until, _): until
        case .responding, .closed: nil
        }
    }

    mutating func received(_ bytes: some Sequence<UInt8>, now: Double) -> Action {
        switch state {
        case .reading:
            parser.append(bytes)
            return advance(now: now)
        case .draining(let until, let budget):
            let remaining = budget - bytes.underestimatedCount
            guard remaining > 0 else { return close() }
            state = .draining(until: until, budget: remaining)
            return .awaitBytes
        case .responding:
            // The loop does not read while a worker holds the connection; keep the bytes in order anyway.
            parser.append(bytes)
            return .nothing
        case .closed:
            return .close
        }
    }

    /// The peer finished sending. Complete requests were dispatched as they arrived, so whatever
    /// is left in the parser is a partial request that can never complete.
    mutating func receivedEndOfStream(now: Double) -> Action {
        switch state {
        case .responding: .nothing
        case .reading, .draining, .closed: close()
        }
    }

    /// A worker finished writing a response; `keepAlive` is false when it said `Connection: close`.
    mutating func responseWritten(keepAlive: Bool, now: Double) -> Action {
        guard case .responding = state else { return .nothing }
        hasAnswered = true
        guard keepAlive else {
            state = .draining(until: now + configuration.closeLingerTimeout, budget: Self.lingerByteBudget)
            return .halfCloseAndDrain
        }
        // A response that promised keep-alive just before shutdown: the client may be sending its next request
        // already, so read during the grace rather than reset it.
        if shuttingDown && idleGraceUntil == nil { idleGraceUntil = now + Self.shutdownIdleGrace }
        state = .reading
        phase = parser.phase
        phaseStarted = now
        return advance(now: now)
    }

    mutating func writeFailed() -> Action {
        close()
    }

    /// Applies the deadline if it has passed: an idle connection closes silently, a request that
    /// stalled gets 408 (RFC 9110 §15.5.9), a draining connection closes.
    mutating func deadlinePassed(now: Double) -> Action {
        guard let deadline, now >= deadline else { return .nothing }
        switch state {
        case .reading where phase == .idle:
            return close()
        case .reading:
            state = .responding
            return .respondWithFailure(.requestTimeout)
        case .draining:
            return close()
        case .responding, .closed:
            return .nothing
        }
    }

    /// The server stops taking requests. A reading connection is still read for `shutdownIdleGrace` (a partly
    /// received request within its usual timeouts), and any request on it is answered with `Connection: close`;
    /// one with a worker closes after its response.
    mutating func shutdownBegan(now: Double) -> Action {
        shuttingDown = true
        switch state {
        case .reading:
            idleGraceUntil = now + Self.shutdownIdleGrace
            return .nothing
        case .closed: return close()
        case .responding, .draining: return .nothing
        }
    }

    private mutating func advance(now: Double) -> Action {
        let event = parser.next()
        if parser.phase != phase {
            phase = parser.phase
            phaseStarted = now
        }
        switch event {
        case nil:
            return .awaitBytes
        case .continueExpected:
            return .sendContinueThenAwaitBytes
        case .request(let request, let keepAlive):
            state = .responding
            return .dispatch(request, keepAlive: keepAlive && !shuttingDown)
        case .failure(let failure):
            state = .responding
            return .respondWithFailure(failure)
        }
    }

    private mutating func close() -> Action {
        state = .closed
        return .close
    }
}
