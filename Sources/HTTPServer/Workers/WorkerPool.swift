/// A fixed set of threads that run handlers and write responses.
///
/// A worker holds a connection only from dispatch until its response is written; idle keep-alive
/// connections stay with the event loop. A slow handler or a client that reads slowly occupies
/// one worker, for at most `writeTimeout` in the latter case.
struct WorkerPool: Sendable {
    private let context: ServerContext
    private let threads: [JoinableThread]

    /// Starts `count` workers; if one cannot be started, those already running are stopped.
    static func start(context: ServerContext, count: Int) throws(HTTPServerError) -> WorkerPool {
        var threads: [JoinableThread] = []
        for _ in 0..<count {
            do throws(HTTPServerError) {
                threads.append(try JoinableThread.start { Self.work(context) })
            } catch {
                WorkerPool(context: context, threads: threads).stop()
                throw error
            }
        }
        return WorkerPool(context: context, threads: threads)
    }

    /// Lets queued jobs finish, then joins every worker. Blocks while a handler is still running:
    /// a thread cannot be interrupted.
    func stop() {
        for _ in threads { context.jobs.enqueue(.stop) }
        for thread in threads { thread.join() }
    }

    private static func work(_ context: ServerContext) {
        while true {
            switch context.jobs.dequeue() {
            case .stop:
                return
            case .respond(let socket, let request, let keepAlive):
                respond(context, socket, request, keepAlive: keepAlive)
            case .reportFailure(let socket, let failure):
                guard !context.abandoned.load(ordering: .acquiring) else { continue }
                let response = context.failureResponder(failure, failure.status)
                let framing = HTTPResponse.Framing(omitsBody: false, closesConnection: true, confirmsKeepAlive: false)
                write(context, socket, response.serialized(framing, date: HTTPDate.now()), closing: true)
            }
        }
    }

    private static func respond(
        _ context: ServerContext, _ socket: FileDescriptor, _ request: HTTPRequest, keepAlive: Bool
    ) {
        guard !context.abandoned.load(ordering: .acquiring) else { return }
        let response = context.handler(request)
        let closing = !keepAlive || response.requestsClose || context.draining.load(ordering: .acquiring)
        let framing = HTTPResponse.Framing(
            omitsBody: request.method == "HEAD",
            closesConnection: closing,
            confirmsKeepAlive: !closing && request.version == .http1_0)
        write(context, socket, response.serialized(framing, date: HTTPDate.now()), closing: closing)
    }

    private static func write(_ context: ServerContext, _ socket: FileDescriptor, _ bytes: [UInt8], closing: Bool) {
        let written = socket.sendAll(bytes, timeout: context.configuration.writeTimeout)
        let outcome: WorkerCompletion.Outcome = !written ? .writeFailed : closing ? .closing : .keptAlive
        context.complete(WorkerCompletion(descriptor: socket.rawValue, outcome: outcome))
    }
}
