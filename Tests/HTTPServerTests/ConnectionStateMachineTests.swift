import Testing

@testable import HTTPServer

/// An action in a form tests can compare.
enum Step: Equatable {
    case nothing, awaitBytes, sendContinue, halfCloseAndDrain, close
    case dispatch(path: String, keepAlive: Bool)
    case fail(HTTPServerFailure)

    init(_ action: ConnectionStateMachine.Action) {
        switch action {
        case .nothing: self = .nothing
        case .awaitBytes: self = .awaitBytes
        case .sendContinueThenAwaitBytes: self = .sendContinue
        case .dispatch(let request, let keepAlive): self = .dispatch(path: request.path, keepAlive: keepAlive)
        case .respondWithFailure(let failure): self = .fail(failure)
        case .halfCloseAndDrain: self = .halfCloseAndDrain
        case .close: self = .close
        }
    }
}

@Suite("Connection state machine")
struct ConnectionStateMachineTests {
    static var configuration: HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration()
        configuration.headerReadTimeout = 10
        configuration.bodyReadTimeout = 30
        configuration.keepAliveIdleTimeout = 75
        configuration.closeLingerTimeout = 2
        configuration.maxBodyBytes = 100
        return configuration
    }

    var machine = ConnectionStateMachine(configuration: Self.configuration, now: 0)

    mutating func receive(_ text: String, at now: Double) -> Step {
        Step(machine.received(Array(text.utf8)[...], now: now))
    }

    @Test("a kept-alive connection returns to reading and waits keepAliveIdleTimeout for the next request")
    mutating func keepAlive() {
        #expect(receive("GET /a HTTP/1.1\r\n\r\n", at: 1) == .dispatch(path: "/a", keepAlive: true))
        #expect(machine.deadline == nil)
        #expect(Step(machine.responseWritten(keepAlive: true, now: 2)) == .awaitBytes)
        #expect(machine.deadline == 77)
        #expect(receive("GET /b HTTP/1.1\r\n\r\n", at: 50) == .dispatch(path: "/b", keepAlive: true))
    }

    @Test("pipelined requests are dispatched one at a time, the next when the previous is written")
    mutating func pipelining() {
        #expect(
            receive("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3", at: 0)
                == .dispatch(path: "/1", keepAlive: true))
        #expect(Step(machine.responseWritten(keepAlive: true, now: 1)) == .dispatch(path: "/2", keepAlive: true))
        #expect(Step(machine.responseWritten(keepAlive: true, now: 2)) == .awaitBytes)
        #expect(machine.deadline == 12)
        #expect(receive(" HTTP/1.1\r\n\r\n", at: 3) == .dispatch(path: "/3", keepAlive: true))
    }

    @Test("a new connection that sends nothing is closed silently after headerReadTimeout")
    mutating func silentNewConnection() {
        #expect(machine.deadline == 10)
        #expect(Step(machine.deadlinePassed(now: 9.9)) == .nothing)
        #expect(Step(machine.deadlinePassed(now: 10)) == .close)
    }

    @Test("an idle kept-alive connection is closed silently, without 408")
    mutating func idleTimeout() {
        _ = receive("GET / HTTP/1.1\r\n\r\n", at: 0)
        _ = machine.responseWritten(keepAlive: true, now: 1)
        #expect(Step(machine.deadlinePassed(now: 76)) == .close)
    }

    @Test("a head trickling in byte by byte still times out headerReadTimeout after its first byte")
    mutating func slowHead() {
        #expect(receive("G", at: 5) == .awaitBytes)
        for (offset, byte) in "ET / HTTP/1.1\r\nX: y".enumerated() {
            #expect(receive(String(byte), at: 5 + Double(offset) * 0.4) == .awaitBytes)
        }
        #expect(machine.deadline == 15)
        #expect(Step(machine.deadlinePassed(now: 15)) == .fail(.requestTimeout))
        #expect(Step(machine.responseWritten(keepAlive: false, now: 15.1)) == .halfCloseAndDrain)
    }

    @Test("a body gets bodyReadTimeout from the end of the head")
    mutating func slowBody() {
        #expect(receive("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc", at: 4) == .awaitBytes)
        #expect(machine.deadline == 34)
        #expect(Step(machine.deadlinePassed(now: 34)) == .fail(.requestTimeout))
    }

    @Test("Expect: 100-continue asks for the interim response before the body")
    mutating func expectContinue() {
        #expect(receive("PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n", at: 0) == .sendContinue)
        #expect(receive("ok", at: 1) == .dispatch(path: "/", keepAlive: true))
    }

    @Test("a parse failure is answered, then the connection drains and closes")
    mutating func failureThenDrain() {
        #expect(receive("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", at: 0) == .fail(.bodyTooLarge))
        #expect(Step(machine.responseWritten(keepAlive: false, now: 1)) == .halfCloseAndDrain)
        #expect(machine.deadline == 3)
        #expect(receive(String(repeating: "x", count: 1000), at: 1.5) == .awaitBytes)
        #expect(Step(machine.receivedEndOfStream(now: 1.6)) == .close)
    }

    @Test("draining stops at the linger deadline or the byte budget")
    mutating func drainLimits() {
        _ = receive("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", at: 0)
        _ = machine.responseWritten(keepAlive: false, now: 0)
        #expect(Step(machine.deadlinePassed(now: 2)) == .close)

        var other = ConnectionStateMachine(configuration: Self.configuration, now: 0)
        _ = other.received(Array("GET / HTTP/1.0\r\n\r\n".utf8), now: 0)
        _ = other.responseWritten(keepAlive: false, now: 0)
        let flood = [UInt8](repeating: 0x41, count: ConnectionStateMachine.lingerByteBudget)
        #expect(Step(other.received(flood, now: 0.1)) == .close)
    }

    @Test("the peer closing mid-request closes the connection")
    mutating func endOfStreamMidRequest() {
        #expect(receive("GET / HTT", at: 0) == .awaitBytes)
        #expect(Step(machine.receivedEndOfStream(now: 0.1)) == .close)
    }

    @Test("a write failure closes the connection")
    mutating func writeFailure() {
        _ = receive("GET / HTTP/1.1\r\n\r\n", at: 0)
        #expect(Step(machine.writeFailed()) == .close)
    }

    @Test("shutdown keeps reading an idle connection briefly, then closes it if nothing arrives")
    mutating func shutdownWhileIdle() {
        #expect(Step(machine.shutdownBegan(now: 0)) == .nothing)
        #expect(machine.holdsShutdown)
        #expect(machine.deadline == ConnectionStateMachine.shutdownIdleGrace)
        #expect(Step(machine.deadlinePassed(now: ConnectionStateMachine.shutdownIdleGrace)) == .close)
        #expect(!machine.holdsShutdown)
    }

    @Test("a request arriving during the shutdown grace is served and marked to close (no reset, no lost POST)")
    mutating func requestDuringShutdownGrace() {
        _ = machine.shutdownBegan(now: 0)
        let step = receive("POST /scim/v2/Users HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}", at: 0.5)
        guard case .dispatch(_, let keepAlive) = step else {
            Issue.record("the request was not dispatched: \(step)")
            return
        }
        #expect(keepAlive == false)
    }

    @Test("a partly received request may finish during shutdown")
    mutating func shutdownWhileReading() {
        _ = receive("GET / HTTP/1.1\r\nHost:", at: 0)
        #expect(Step(machine.shutdownBegan(now: 0)) == .nothing)
        if case .dispatch = receive(" x\r\n\r\n", at: 0.1) {} else { Issue.record("not dispatched") }
    }

    @Test("shutdown lets an in-flight request finish, serves a pipelined one with close, then closes when idle")
    mutating func shutdownWhileResponding() {
        _ = receive("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n", at: 0)
        #expect(machine.isAwaitingResponse)
        #expect(Step(machine.shutdownBegan(now: 0)) == .nothing)
        #expect(Step(machine.responseWritten(keepAlive: true, now: 1)) == .dispatch(path: "/2", keepAlive: false))
        #expect(Step(machine.responseWritten(keepAlive: false, now: 1.1)) == .halfCloseAndDrain)
    }

    @Test("requests completed after shutdown began are marked to close")
    mutating func dispatchDuringShutdown() {
        _ = receive("GET /1 HTTP/1.1\r\n\r\n", at: 0)
        _ = machine.shutdownBegan(now: 0)
        #expect(Step(machine.responseWritten(keepAlive: false, now: 1)) == .halfCloseAndDrain)
    }
}
