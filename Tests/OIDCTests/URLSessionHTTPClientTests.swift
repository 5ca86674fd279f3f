import Foundation
import OIDC
import Testing

@Suite("URLSession HTTP client on loopback", .serialized)
struct URLSessionHTTPClientTests {
    private func client(
        allow: String = "127.0.0.0/8", timeout: Duration = .seconds(5), maximumBytes: Int = 1 << 20
    ) throws -> URLSessionHTTPClient {
        URLSessionHTTPClient(
            requestGuard: OutboundRequestGuard(allowlist: try NetworkAllowlist(parsing: allow)), timeout: timeout,
            maximumResponseBytes: maximumBytes)
    }

    @Test("fetches JSON over http from an allowlisted loopback address")
    func get() async throws {
        let stub = try LoopbackHTTPStub { head, _ in
            let accepted = head.lowercased().contains("accept: application/json")
            return LoopbackHTTPStub.response(
                status: 200, headers: ["Content-Type": "application/json", "X-Accept-Seen": accepted ? "yes" : "no"],
                body: #"{"keys":[]}"#)
        }
        defer { stub.stop() }
        let response = try await client().send(.json(URL(string: stub.baseURL + "/jwks")!))
        #expect(response.status == 200)
        #expect(response.body == Array(#"{"keys":[]}"#.utf8))
        #expect(response.header("content-type") == "application/json")
        #expect(response.header("X-Accept-Seen") == "yes")
    }

    @Test("posts a form body")
    func post() async throws {
        let stub = try LoopbackHTTPStub { head, _ in
            let form = head.lowercased().contains("content-type: application/x-www-form-urlencoded")
            return LoopbackHTTPStub.response(status: form ? 200 : 415, body: #"{"access_token":"a"}"#)
        }
        defer { stub.stop() }
        let request = OIDCHTTPRequest.form(
            URL(string: stub.baseURL + "/token")!, fields: [("grant_type", "authorization_code"), ("code", "a b")])
        let response = try await client().send(request)
        #expect(response.status == 200)
        #expect(stub.receivedBodies.last == Array("grant_type=authorization_code&code=a%20b".utf8))
    }

    @Test("returns a redirect instead of following it")
    func redirect() async throws {
        let target = try LoopbackHTTPStub(host: "127.0.0.2") { _, _ in LoopbackHTTPStub.response(status: 200) }
        defer { target.stop() }
        let redirector = try LoopbackHTTPStub { _, _ in
            LoopbackHTTPStub.response(status: 302, reason: "Found", headers: ["Location": target.baseURL + "/secret"])
        }
        defer { redirector.stop() }
        let response = try await client(allow: "127.0.0.1/32").send(.json(URL(string: redirector.baseURL + "/jwks")!))
        #expect(response.status == 302)
        #expect(response.header("location") == target.baseURL + "/secret")
        #expect(target.connectionCount == 0)
    }

    @Test("refuses a loopback address that is not allowlisted before connecting")
    func refusedBeforeConnecting() async throws {
        let stub = try LoopbackHTTPStub { _, _ in LoopbackHTTPStub.response(status: 200) }
        defer { stub.stop() }
        let error = await #expect(throws: OIDCError.self) {
            try await client(allow: "").send(.json(URL(string: stub.baseURL + "/jwks")!))
        }
        #expect(error?.code == .addressNotAllowed)
        #expect(stub.connectionCount == 0)
    }

    @Test("cuts off a body larger than the limit, declared or streamed")
    func tooLarge() async throws {
        let big = String(repeating: "x", count: 64 * 1024)
        let declared = try LoopbackHTTPStub { _, _ in LoopbackHTTPStub.response(status: 200, body: big) }
        defer { declared.stop() }
        let streamed = try LoopbackHTTPStub { _, _ in
            Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n\(big)".utf8)
        }
        defer { streamed.stop() }
        for stub in [declared, streamed] {
            let error = await #expect(throws: OIDCError.self) {
                try await client(maximumBytes: 1024).send(.json(URL(string: stub.baseURL + "/")!))
            }
            #expect(error?.code == .responseTooLarge)
        }
        #expect(
            try await client(maximumBytes: 128 * 1024).send(.json(URL(string: declared.baseURL)!)).body.count
                == big.utf8.count)
    }

    @Test("gives up on a provider that never answers within the timeout, rounded up to whole seconds")
    func timeout() async throws {
        let silent = try LoopbackHTTPStub { _, _ in nil }
        defer { silent.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: OIDCError.self) {
            try await client(timeout: .milliseconds(300)).send(.json(URL(string: silent.baseURL + "/slow")!))
        }
        let elapsed = ContinuousClock.now - started
        #expect(error?.code == .timedOut)
        #expect(elapsed >= .milliseconds(900))
        #expect(elapsed < .seconds(5))
    }

    @Test("reports a refused connection as a transport failure")
    func refusedConnection() async throws {
        let stub = try LoopbackHTTPStub { _, _ in nil }
        let url = URL(string: stub.baseURL + "/")!
        stub.stop()
        let error = await #expect(throws: OIDCError.self) { try await client().send(.json(url)) }
        #expect(error?.code == .transportFailed)
    }
}
