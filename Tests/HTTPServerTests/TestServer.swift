import Dispatch
import Glibc

@testable import HTTPServer

/// Echoes what the server parsed: method, decoded path, body length and body.
let echoHandler: @Sendable (HTTPRequest) -> HTTPResponse = { request in
    let text =
        "\(request.method) \(request.path) \(request.body.count) \(String(decoding: request.body, as: UTF8.self))"
    return HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Array(text.utf8))
}

/// Renders server failures as plain text naming the kind, so tests can see which one fired.
let plainFailureResponder: @Sendable (HTTPServerFailure, Int) -> HTTPResponse = { failure, status in
    HTTPResponse(status: status, headers: ["Content-Type": "text/plain"], body: Array("failure:\(failure)".utf8))
}

/// Starts a server on an ephemeral loopback port, runs `body`, and shuts the server down.
func withServer(
    configure: (inout HTTPServerConfiguration) -> Void = { _ in },
    handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse = echoHandler,
    _ body: (HTTPServer, Int) throws -> Void
) throws {
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configuration.workerCount = 4
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, handler: handler, failureResponder: plainFailureResponder)
    let port = try server.start()
    defer { server.shutdown(deadline: 1) }
    try body(server, port)
}

/// A started server that answers like `echoHandler`, but for requests to `slowPath` (every request when nil) first
/// signals `slowStarted` and sleeps `seconds`. The test shuts it down itself.
func startSlowServer(workers: Int, seconds: Double, slowPath: String? = nil, maxConnections: Int? = nil) throws
    -> (server: HTTPServer, port: Int, slowStarted: DispatchSemaphore)
{
    let slowStarted = DispatchSemaphore(value: 0)
    let handler: @Sendable (HTTPRequest) -> HTTPResponse = { request in
        if slowPath == nil || request.path == slowPath {
            slowStarted.signal()
            sleep(seconds: seconds)
        }
        return echoHandler(request)
    }
    var configuration = HTTPServerConfiguration()
    configuration.port = 0
    configuration.workerCount = workers
    if let maxConnections { configuration.maxConnections = maxConnections }
    let server = HTTPServer(configuration: configuration, handler: handler, failureResponder: plainFailureResponder)
    return (server, try server.start(), slowStarted)
}

func sleep(seconds: Double) {
    usleep(UInt32(seconds * 1_000_000))
}
