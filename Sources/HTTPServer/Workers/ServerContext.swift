import Synchronization

/// What the server façade, the event loop thread and the worker threads share.
///
/// Everything here is immutable or synchronised (atomics, mutexes, the queue), which is why the
/// class is `Sendable` without `@unchecked`.
final class ServerContext: Sendable {
    let configuration: HTTPServerConfiguration
    let handler: @Sendable (HTTPRequest) -> HTTPResponse
    let failureResponder: @Sendable (HTTPServerFailure, Int) -> HTTPResponse
    let jobs = WorkQueue()
    let wakeup: LoopWakeup

    /// Connections the event loop holds; written by the loop only.
    let openConnections = Atomic<Int>(0)

    /// Set by `shutdown`: responses from now on carry `Connection: close`.
    let draining = Atomic<Bool>(false)

    /// Set when the shutdown deadline passed: queued requests are dropped unanswered.
    let abandoned = Atomic<Bool>(false)

    private let shutdownDeadline = Mutex<Double>(.infinity)
    private let completions = Mutex<[WorkerCompletion]>([])

    init(
        configuration: HTTPServerConfiguration,
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse,
        failureResponder: @escaping @Sendable (HTTPServerFailure, Int) -> HTTPResponse,
        wakeup: LoopWakeup
    ) {
        self.configuration = configuration
        self.handler = handler
        self.failureResponder = failureResponder
        self.wakeup = wakeup
    }

    /// The monotonic time by which in-flight requests must finish; infinity until shutdown.
    var deadline: Double {
        shutdownDeadline.withLock { $0 }
    }

    func beginShutdown(deadline: Double) {
        shutdownDeadline.withLock { $0 = deadline }
        draining.store(true, ordering: .releasing)
        wakeup.signal()
    }

    /// Called by a worker; wakes the loop to act on it.
    func complete(_ completion: WorkerCompletion) {
        completions.withLock { $0.append(completion) }
        wakeup.signal()
    }

    /// Called by the loop.
    func takeCompletions() -> [WorkerCompletion] {
        completions.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }
}
