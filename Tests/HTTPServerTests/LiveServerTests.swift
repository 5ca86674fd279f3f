import Dispatch
import Glibc
import Synchronization
import Testing

@testable import HTTPServer

@Suite("HTTP server on loopback")
struct LiveServerTests {
    @Test("a keep-alive connection serves several requests in turn")
    func keepAliveReuse() throws {
        try withServer { server, port in
            let client = try RawClient(port: port)
            for index in 1...3 {
                try client.send("POST /scim/v2/Users/\(index) HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi")
                let response = try #require(try client.readResponse())
                #expect(response.status == 200)
                #expect(response.body == "POST /scim/v2/Users/\(index) 2 hi")
                #expect(response.headers["Connection"] == nil)
                #expect(response.headers["Date"]?.hasSuffix(" GMT") == true)
            }
            #expect(server.openConnectionCount == 1)
        }
    }

    @Test("pipelined requests are answered in order on one connection")
    func pipelining() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            try client.send(
                "GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
                    + "POST /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwxyz\r\n0\r\n\r\n"
                    + "GET /4 HTTP/1.1\r\n\r\n"
            )
            var bodies: [String] = []
            for _ in 1...4 { bodies.append(try #require(try client.readResponse()).body) }
            #expect(bodies == ["GET /1 0 ", "POST /2 3 abc", "POST /3 4 wxyz", "GET /4 0 "])
        }
    }

    @Test("HTTP/1.0 and Connection: close get Connection: close and the end of the stream")
    func closingRequests() throws {
        try withServer { _, port in
            for request in ["GET /a HTTP/1.0\r\n\r\n", "GET /a HTTP/1.1\r\nConnection: close\r\n\r\n"] {
                let client = try RawClient(port: port)
                try client.send(request)
                let response = try #require(try client.readResponse())
                #expect(response.status == 200)
                #expect(response.headers["Connection"] == "close")
                #expect(client.readsEndOfStream())
            }
        }
    }

    @Test("a handler that answers Connection: close gets the connection closed")
    func handlerCloses() throws {
        let handler: @Sendable (HTTPRequest) -> HTTPResponse = { _ in
            HTTPResponse(status: 200, headers: ["Connection": "Close"], body: Array("bye".utf8))
        }
        try withServer(handler: handler) { _, port in
            let client = try RawClient(port: port)
            try client.send("GET / HTTP/1.1\r\n\r\nGET /never HTTP/1.1\r\n\r\n")
            let response = try #require(try client.readResponse())
            #expect(response.headers.values(for: "Connection") == ["close"])
            #expect(client.readsEndOfStream())
        }
    }

    @Test("HTTP/1.0 with keep-alive is told so and stays open")
    func http10KeepAlive() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try client.readResponse()?.headers["Connection"] == "keep-alive")
            try client.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try client.readResponse()?.body == "GET /b 0 ")
        }
    }

    struct FailureCase: CustomTestStringConvertible, Sendable {
        var name: String
        var request: String
        var status: Int
        var failure: HTTPServerFailure
        var testDescription: String { name }
    }

    static let failureCases: [FailureCase] = [
        FailureCase(
            name: "a declared body over maxBodyBytes gets 413 before the body is read",
            request: "POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "b", count: 3000),
            status: 413, failure: .bodyTooLarge),
        FailureCase(
            name: "a header section over maxHeaderBytes gets 431",
            request: "GET / HTTP/1.1\r\nX-Big: " + String(repeating: "h", count: 3000) + "\r\n\r\n",
            status: 431, failure: .headersTooLarge),
        FailureCase(
            name: "a request line over maxRequestLineBytes gets 414",
            request: "GET /" + String(repeating: "u", count: 2000) + " HTTP/1.1\r\n\r\n",
            status: 414, failure: .uriTooLong),
        FailureCase(
            name: "Content-Length with Transfer-Encoding gets 400 and the smuggled request is never answered",
            request: "POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                + "GET /smuggled HTTP/1.1\r\n\r\n",
            status: 400, failure: .badRequest),
        FailureCase(
            name: "obsolete line folding gets 400",
            request: "GET / HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\nGET /next HTTP/1.1\r\n\r\n",
            status: 400, failure: .badRequest),
        FailureCase(
            name: "an invalid chunk size gets 400",
            request: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n\r\n",
            status: 400, failure: .badRequest),
        FailureCase(
            name: "a coding other than chunked gets 501",
            request: "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            status: 501, failure: .unsupportedTransferEncoding),
    ]

    @Test("server failures are rendered by the failure responder and close the connection", arguments: failureCases)
    func failureCloses(_ testCase: FailureCase) throws {
        try withServer(configure: {
            $0.maxBodyBytes = 1024
            $0.maxHeaderBytes = 2048
            $0.maxRequestLineBytes = 1024
        }) { _, port in
            let client = try RawClient(port: port)
            try client.send(testCase.request)
            let response = try #require(try client.readResponse())
            #expect(response.status == testCase.status)
            #expect(response.body == "failure:\(testCase.failure)")
            #expect(response.headers["Connection"] == "close")
            #expect(client.readsEndOfStream())
        }
    }

    @Test("413 is answered while the client still streams its body, and the close is orderly, not a reset")
    func earlyBodyTooLarge() throws {
        try withServer(configure: { $0.maxBodyBytes = 1024 }) { _, port in
            let client = try RawClient(port: port)
            try client.send(
                Array("PUT /big HTTP/1.1\r\nContent-Length: 400000\r\n\r\n".utf8)
                    + [UInt8](repeating: 0x62, count: 200_000))
            sleep(seconds: 0.05)
            #expect(try client.readResponse()?.status == 413)
            #expect(client.readsCleanEndOfStream())
        }
    }

    @Test("a head that trickles in is answered 408 headerReadTimeout after its first byte, then closed")
    func slowHeadTimesOut() throws {
        try withServer(configure: { $0.headerReadTimeout = 0.5 }) { _, port in
            let client = try RawClient(port: port)
            let started = MonotonicClock.now()
            try client.send("GET / HTTP/1.1\r\n")
            for index in 0..<3 {
                sleep(seconds: 0.12)
                try client.send("X-Drip-\(index): 1\r\n")
            }
            let response = try #require(try client.readResponse())
            let elapsed = MonotonicClock.now() - started
            #expect(response.status == 408)
            #expect(response.body == "failure:requestTimeout")
            #expect(elapsed >= 0.45 && elapsed < 2, "answered after \(elapsed) s")
            #expect(client.readsEndOfStream())
        }
    }

    @Test("a slow body is answered 408 after bodyReadTimeout")
    func slowBodyTimesOut() throws {
        try withServer(configure: { $0.bodyReadTimeout = 0.4 }) { _, port in
            let client = try RawClient(port: port)
            try client.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
            #expect(try client.readResponse()?.status == 408)
            #expect(client.readsEndOfStream())
        }
    }

    @Test("a silent connection and an idle kept-alive one are closed without a response")
    func idleConnectionsClose() throws {
        try withServer(configure: {
            $0.headerReadTimeout = 0.3
            $0.keepAliveIdleTimeout = 0.3
        }) { server, port in
            let silent = try RawClient(port: port)
            let kept = try RawClient(port: port)
            try kept.send("GET / HTTP/1.1\r\n\r\n")
            #expect(try kept.readResponse()?.status == 200)
            #expect(silent.readsEndOfStream())
            #expect(kept.readsEndOfStream())
            sleep(seconds: 0.05)
            #expect(server.openConnectionCount == 0)
        }
    }

    @Test("Expect: 100-continue gets an interim 100 before the body is sent")
    func expectContinue() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            try client.send("PUT /u HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            let interim = try #require(try client.readResponse())
            #expect(interim.status == 100)
            try client.send("data")
            #expect(try client.readResponse()?.body == "PUT /u 4 data")
        }
    }

    @Test("HEAD gets headers with the length but no body, and the connection stays usable")
    func headRequest() throws {
        try withServer { _, port in
            let client = try RawClient(port: port)
            try client.send("HEAD /h HTTP/1.1\r\n\r\n")
            let head = try #require(try client.readResponse(toHEAD: true))
            #expect(head.headers["Content-Length"] == "10")
            #expect(head.body.isEmpty)
            try client.send("GET /g HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse()?.body == "GET /g 0 ")
        }
    }

    @Test("300 idle keep-alive connections do not stop another client being served quickly")
    func idleConnectionsHoldNoWorkers() throws {
        try withServer(configure: { $0.workerCount = 2 }) { server, port in
            var idle: [RawClient] = []
            for index in 0..<300 {
                let client = try RawClient(port: port)
                try client.send("GET /idle/\(index) HTTP/1.1\r\n\r\n")
                #expect(try client.readResponse()?.status == 200)
                idle.append(client)
            }
            #expect(server.openConnectionCount == 300)

            let started = MonotonicClock.now()
            let active = try RawClient(port: port)
            for index in 0..<50 {
                try active.send("GET /active/\(index) HTTP/1.1\r\n\r\n")
                #expect(try active.readResponse()?.body == "GET /active/\(index) 0 ")
            }
            let elapsed = MonotonicClock.now() - started
            #expect(elapsed < 1, "50 requests took \(elapsed) s")

            try idle[150].send("GET /still-alive HTTP/1.1\r\n\r\n")
            #expect(try idle[150].readResponse()?.body == "GET /still-alive 0 ")
        }
    }

    @Test("at maxConnections a new client pushes out the one idle longest; only when all are busy is it turned away")
    func connectionLimit() throws {
        try withServer(configure: { $0.maxConnections = 2 }) { server, port in
            let first = try RawClient(port: port)
            let second = try RawClient(port: port)
            for client in [first, second] {
                try client.send("GET / HTTP/1.1\r\n\r\n")
                #expect(try client.readResponse()?.status == 200)
            }
            // Both idle: the new client gets in and the first, idle longest, is closed.
            let third = try RawClient(port: port)
            try third.send("GET /third HTTP/1.1\r\n\r\n")
            #expect(try third.readResponse()?.body == "GET /third 0 ")
            #expect(first.readsEndOfStream())
            #expect(server.openConnectionCount == 2)
            try second.send("GET /again HTTP/1.1\r\n\r\n")
            #expect(try second.readResponse()?.body == "GET /again 0 ")
        }
    }

    @Test("sockets that never send a request cannot keep a prompt client out")
    func silentSocketsCannotFillTheServer() throws {
        try withServer(configure: { $0.maxConnections = 50 }) { _, port in
            let silent = try (0..<200).map { _ in try RawClient(port: port) }
            let client = try RawClient(port: port)
            try client.send("GET /served HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse()?.body == "GET /served 0 ")
            withExtendedLifetime(silent) {}
        }
    }

    @Test("when every connection is with a worker, one more is turned away with 503")
    func connectionLimitWhenBusy() throws {
        let (server, port, slowStarted) = try startSlowServer(workers: 2, seconds: 1, maxConnections: 2)
        defer { server.shutdown(deadline: 2) }
        let busy = try (0..<2).map { _ in try RawClient(port: port) }
        for client in busy {
            try client.send("GET /slow HTTP/1.1\r\n\r\n")
            slowStarted.wait()
        }
        let refused = try RawClient(port: port)
        let refusal = try #require(try refused.readResponse())
        #expect(refusal.status == 503)
        #expect(refusal.body == "failure:serviceUnavailable")
        #expect(refused.readsEndOfStream())
        for client in busy { #expect(try client.readResponse()?.status == 200) }
    }

    @Test("shutdown lets an in-flight slow request finish, closes idle connections and stops listening")
    func gracefulShutdown() throws {
        let (server, port, handlerStarted) = try startSlowServer(workers: 2, seconds: 0.5, slowPath: "/slow")

        let idle = try RawClient(port: port)
        try idle.send("GET /warm HTTP/1.1\r\n\r\n")
        #expect(try idle.readResponse()?.status == 200)
        let slow = try RawClient(port: port)
        try slow.send("GET /slow HTTP/1.1\r\n\r\n")
        handlerStarted.wait()

        let started = MonotonicClock.now()
        server.shutdown(deadline: 5)
        let elapsed = MonotonicClock.now() - started

        #expect(elapsed >= 0.3 && elapsed < 3, "shutdown took \(elapsed) s")
        let response = try #require(try slow.readResponse())
        #expect(response.body == "GET /slow 0 ")
        #expect(response.headers["Connection"] == "close")
        #expect(slow.readsEndOfStream())
        #expect(idle.readsEndOfStream())
        #expect(server.openConnectionCount == 0)
        #expect(throws: ClientError.self) { try RawClient(port: port) }
    }

    @Test("at the shutdown deadline a request still in its handler is cut off unanswered")
    func shutdownDeadline() throws {
        let (server, port, handlerStarted) = try startSlowServer(workers: 1, seconds: 0.6)
        let client = try RawClient(port: port)
        try client.send("GET /stuck HTTP/1.1\r\n\r\n")
        handlerStarted.wait()
        server.shutdown(deadline: 0.1)
        #expect(try client.readResponse() == nil)
    }

    @Test("the server binds IPv6 loopback and reports the peer address")
    func ipv6() throws {
        let handler: @Sendable (HTTPRequest) -> HTTPResponse = { request in
            HTTPResponse(status: 200, body: Array(request.remoteAddress.utf8))
        }
        try withServer(configure: { $0.host = "::1" }, handler: handler) { _, port in
            let client = try RawClient(port: port, host: "::1")
            try client.send("GET / HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse()?.body == "::1")
        }
        for wildcard in ["0.0.0.0", "::"] {
            try withServer(configure: { $0.host = wildcard }, handler: handler) { _, port in
                let client = try RawClient(port: port)
                try client.send("GET / HTTP/1.1\r\n\r\n")
                #expect(try client.readResponse()?.body == "127.0.0.1", "listening on \(wildcard)")
            }
        }
    }

    @Test("start reports bad addresses, busy ports, bad limits and a second start")
    func startErrors() throws {
        func startError(_ configure: (inout HTTPServerConfiguration) -> Void) -> HTTPServerError? {
            var configuration = HTTPServerConfiguration()
            configuration.port = 0
            configure(&configuration)
            let server = HTTPServer(
                configuration: configuration, handler: echoHandler, failureResponder: plainFailureResponder)
            defer { server.shutdown(deadline: 0) }
            do {
                _ = try server.start()
                return nil
            } catch {
                return error as? HTTPServerError
            }
        }
        #expect(startError { $0.host = "localhost" }?.code == .invalidAddress)
        #expect(startError { $0.workerCount = 0 }?.call == "workerCount")
        #expect(startError { $0.port = 70_000 }?.code == .invalidConfiguration)

        try withServer { server, port in
            let busy = startError { $0.port = port }
            #expect(busy?.code == .systemCall)
            #expect(busy?.call == "bind")
            #expect(busy?.errno == EADDRINUSE)
            #expect(throws: HTTPServerError.self) { try server.start() }
        }
    }
}
