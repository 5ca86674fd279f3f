import Glibc
import Synchronization

/// An HTTP/1.1 server: one event loop thread holds every connection, a fixed pool of worker
/// threads runs the handler.
///
/// Idle keep-alive connections cost a descriptor and a few hundred bytes, never a thread. The
/// handler runs on a worker thread and may block (database calls); up to `workerCount` requests
/// run at once and the rest wait in a queue. The failure responder renders the server's own
/// error answers (400, 408, 413, 414, 431, 501, 503); it may run on the event loop thread, so it
/// must be quick and must not block.
///
/// `start` and `shutdown` may be called from any thread except a worker (a handler must not
/// shut its own server down: `shutdown` waits for the workers). The threads keep running until
/// `shutdown`, even if the last reference to the server goes away.
public final class HTTPServer: Sendable {
    private enum Lifecycle: Sendable {
        case idle
        case running(Running)
        case stopping(Running)
        case stopped
    }

    private struct Running: Sendable {
        var context: ServerContext
        var loop: JoinableThread
        var workers: WorkerPool
    }

    private let configuration: HTTPServerConfiguration
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let failureResponder: @Sendable (HTTPServerFailure, Int) -> HTTPResponse
    private let lifecycle = Mutex(Lifecycle.idle)

    public init(
        configuration: HTTPServerConfiguration,
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse,
        failureResponder: @escaping @Sendable (HTTPServerFailure, _ status: Int) -> HTTPResponse
    ) {
        self.configuration = configuration
        self.handler = handler
        self.failureResponder = failureResponder
    }

    /// Validates the configuration, binds and listens, starts the threads and returns the bound
    /// port (the kernel's choice when `port` is 0). Throws `HTTPServerError`; a server starts once.
    public func start() throws -> Int {
        // The lock is held across start-up so that a concurrent `shutdown` sees either no server or
        // a complete one. Binding and spawning threads do not wait on any peer.
        try lifecycle.withLock { lifecycle throws(HTTPServerError) -> Int in
            guard case .idle = lifecycle else { throw HTTPServerError(code: .alreadyStarted, call: "start") }
            try configuration.validate()
            signal(SIGPIPE, SIG_IGN)

            let listener = try FileDescriptor.listening(
                host: configuration.host, port: configuration.port, backlog: Int32(SOMAXCONN))
            let port = try listener.localPort()
            let epoll = try Epoll()
            let wakeup = try LoopWakeup()
            try epoll.add(listener.rawValue, events: Epoll.readable)
            try epoll.add(wakeup.readEnd.rawValue, events: Epoll.readable)

            let context = ServerContext(
                configuration: configuration, handler: handler, failureResponder: failureResponder, wakeup: wakeup)
            let workers = try WorkerPool.start(context: context, count: configuration.workerCount)
            let listenerHandoff = Handoff(listener)
            let loop: JoinableThread
            do throws(HTTPServerError) {
                loop = try JoinableThread.start {
                    guard let listener = listenerHandoff.take() else { return }
                    // `consume`: the loop must be the listener's only owner, so that dropping it at shutdown closes
                    // it then. Left bound here it stayed open until the loop returned, completing handshakes that
                    // nobody accepted and that its close then reset.
                    EventLoop(context: context, epoll: epoll, listener: consume listener).run()
                }
            } catch {
                workers.stop()
                throw error
            }
            lifecycle = .running(Running(context: context, loop: loop, workers: workers))
            return port
        }
    }

    /// Stops accepting, closes idle connections, lets requests already received finish for up to
    /// `deadline` seconds, then closes every connection and joins the threads. Blocks until done.
    ///
    /// Requests still queued at the deadline are dropped and their connections cut; a handler still
    /// running at the deadline cannot be interrupted, so `shutdown` returns when it does. Calling it
    /// again, or before `start`, does nothing.
    public func shutdown(deadline: Double) {
        let running: Running? = lifecycle.withLock { lifecycle in
            switch lifecycle {
            case .running(let running):
                lifecycle = .stopping(running)
                return running
            case .idle:
                lifecycle = .stopped
                return nil
            case .stopping, .stopped:
                return nil
            }
        }
        guard let running else { return }

        running.context.beginShutdown(deadline: MonotonicClock.now() + max(0, deadline))
        running.loop.join()
        running.workers.stop()
        lifecycle.withLock { $0 = .stopped }
    }

    /// Connections currently open (accepted and not yet closed).
    public var openConnectionCount: Int {
        lifecycle.withLock { lifecycle in
            switch lifecycle {
            case .running(let running), .stopping(let running):
                running.context.openConnections.load(ordering: .relaxed)
            case .idle, .stopped:
                0
            }
        }
    }
}
