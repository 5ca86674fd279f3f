import HTTPServer
import Synchronization

/// Lets the handler read the HTTP server's gauges although the server is created after the handler.
final class ServerReference: Sendable {
    private let server = Mutex<HTTPServer?>(nil)

    func set(_ server: HTTPServer) {
        self.server.withLock { $0 = server }
    }

    var openConnectionCount: Int {
        server.withLock { $0?.openConnectionCount ?? 0 }
    }
}
