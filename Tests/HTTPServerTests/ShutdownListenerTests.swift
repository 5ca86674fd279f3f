import Dispatch
import Glibc
import Testing

@testable import HTTPServer

/// The listener at shutdown: a connection the kernel completed must be served, and one it has not must be refused,
/// never completed and then reset (nginx does not resend a POST or PATCH it has written to a reset connection).
@Suite("Listener at shutdown")
struct ShutdownListenerTests {
    @Test("shortly after shutdown begins a new connection is refused while an in-flight request still runs")
    func listenerClosesDuringTheGrace() throws {
        let (server, port, handlerStarted) = try startSlowServer(workers: 1, seconds: 2)
        let slow = try RawClient(port: port)
        try slow.send("GET /slow HTTP/1.1\r\n\r\n")
        handlerStarted.wait()

        // A thread of its own: Dispatch's shared pool may be busy with the other tests' blocking work.
        let stopping = try JoinableThread.start { server.shutdown(deadline: 5) }
        sleep(seconds: EventLoop.handshakeSettleTime + 0.4)

        // A listener left open (even out of epoll) would complete this handshake, queue the connection unaccepted
        // and reset it when it finally closes.
        let late = try ConnectAttempt(port: port)
        #expect(late.outcome(within: 0.3) == .refused)

        let response = try #require(try slow.readResponse())
        #expect(response.body == "GET /slow 0 ")
        #expect(response.headers["Connection"] == "close")
        stopping.join()
    }

    @Test(
        "a listener ignoring new handshakes still hands over and serves a connection completed before",
        arguments: ["127.0.0.1", "::1"])
    func ignoredHandshakes(host: String) throws {
        let listener = try FileDescriptor.listening(host: host, port: 0, backlog: 16)
        let port = try listener.localPort()
        let early = try RawClient(port: port, host: host)

        try listener.ignoreNewHandshakes()
        let late = try ConnectAttempt(port: port, host: host)
        #expect(late.outcome(within: 0.3) == .pending)

        // The connection completed before is still handed over, and both directions work.
        let accepted = accept(listener.rawValue, nil, nil)
        try #require(accepted >= 0)
        let served = FileDescriptor(accepted)
        try early.send("ping")
        var request = pollfd(fd: served.rawValue, events: Int16(POLLIN), revents: 0)
        #expect(poll(&request, 1, 2000) == 1)

        var bytes = [UInt8](repeating: 0, count: 16)
        let count = try bytes.withUnsafeMutableBytes { try served.receive(into: $0) }
        #expect(String(decoding: bytes[..<count], as: UTF8.self) == "ping")
        #expect(Array("pong".utf8).withUnsafeBytes { (try? served.sendNow($0)) ?? 0 } == 4)

        var reply = [UInt8](repeating: 0, count: 16)
        let replied = recv(early.descriptor, &reply, reply.count, 0)
        #expect(replied == 4 && String(decoding: reply[..<4], as: UTF8.self) == "pong")

        // The late connection never reached the accept queue.
        #expect(accept(listener.rawValue, nil, nil) == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
    }
}
