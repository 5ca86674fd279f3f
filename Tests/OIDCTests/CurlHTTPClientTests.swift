import Foundation
import Testing

@testable import OIDC

@Suite("libcurl HTTP client on loopback", .serialized)
struct CurlHTTPClientTests {
    private func client(
        allow: String = "127.0.0.0/8", resolver: any HostResolver = SystemHostResolver(),
        timeout: Duration = .seconds(5), maximumBytes: Int = 1 << 20
    ) throws -> CurlHTTPClient {
        CurlHTTPClient(
            requestGuard: OutboundRequestGuard(allowlist: try NetworkAllowlist(parsing: allow), resolver: resolver),
            timeout: timeout, maximumResponseBytes: maximumBytes)
    }

    /// A stub on 127.0.0.2 that answers 200, and a decoy on 127.0.0.1 at the same port that answers 403: a
    /// request reaching the decoy went to an address other than the one the test's resolver gave the guard.
    private func stubAndDecoy() throws -> (stub: LoopbackHTTPStub, decoy: LoopbackHTTPStub) {
        var attempts = 0
        while true {
            let stub = try LoopbackHTTPStub(host: "127.0.0.2") { head, _ in
                LoopbackHTTPStub.response(status: 200, body: head.lowercased().contains("\r\nhost: ") ? "pinned" : "")
            }
            do {
                let decoy = try LoopbackHTTPStub(host: "127.0.0.1", port: stub.port) { _, _ in
                    LoopbackHTTPStub.response(status: 403)
                }
                return (stub, decoy)
            } catch {
                // The port the kernel picked on 127.0.0.2 is taken on 127.0.0.1; try another.
                stub.stop()
                attempts += 1
                if attempts == 5 { throw error }
            }
        }
    }

    @Test("fetches JSON over http from an allowlisted loopback address, saying who asks")
    func get() async throws {
        let stub = try LoopbackHTTPStub { head, _ in
            let accepted = head.lowercased().contains("accept: application/json")
            let agent = head.lowercased().contains("user-agent: scim-gateway")
            return LoopbackHTTPStub.response(
                status: 200,
                headers: [
                    "Content-Type": "application/json", "X-Accept-Seen": accepted ? "yes" : "no",
                    "X-Agent-Seen": agent ? "yes" : "no",
                ],
                body: #"{"keys":[]}"#)
        }
        defer { stub.stop() }
        let response = try await client().send(.json(URL(string: stub.baseURL + "/jwks")!))
        #expect(response.status == 200)
        #expect(response.body == Array(#"{"keys":[]}"#.utf8))
        #expect(response.header("content-type") == "application/json")
        #expect(response.header("X-Accept-Seen") == "yes")
        #expect(response.header("X-Agent-Seen") == "yes")
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

    @Test("posts an empty body as such, with a zero Content-Length")
    func emptyPost() async throws {
        let stub = try LoopbackHTTPStub { head, _ in
            LoopbackHTTPStub.response(status: head.lowercased().contains("content-length: 0\r\n") ? 200 : 411)
        }
        defer { stub.stop() }
        let request = OIDCHTTPRequest(method: .post, url: URL(string: stub.baseURL + "/revoke")!)
        let response = try await client(timeout: .seconds(2)).send(request)
        #expect(response.status == 200)
        #expect(stub.receivedBodies == [[]])
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

    @Test("cuts off a response larger than the limit: body declared, body streamed, or headers")
    func tooLarge() async throws {
        let big = String(repeating: "x", count: 64 * 1024)
        let declared = try LoopbackHTTPStub { _, _ in LoopbackHTTPStub.response(status: 200, body: big) }
        defer { declared.stop() }
        let streamed = try LoopbackHTTPStub { _, _ in
            Array("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n\(big)".utf8)
        }
        defer { streamed.stop() }
        let headers = try LoopbackHTTPStub { _, _ in
            LoopbackHTTPStub.response(status: 200, headers: ["X-Padding": String(big.prefix(2048))])
        }
        defer { headers.stop() }
        for stub in [declared, streamed, headers] {
            let error = await #expect(throws: OIDCError.self) {
                try await client(maximumBytes: 1024).send(.json(URL(string: stub.baseURL + "/")!))
            }
            #expect(error?.code == .responseTooLarge)
        }
        #expect(
            try await client(maximumBytes: 128 * 1024).send(.json(URL(string: declared.baseURL)!)).body.count
                == big.utf8.count)
    }

    @Test("gives up on a provider that never answers within the timeout, to the millisecond")
    func timeout() async throws {
        let silent = try LoopbackHTTPStub { _, _ in nil }
        defer { silent.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: OIDCError.self) {
            try await client(timeout: .milliseconds(300)).send(.json(URL(string: silent.baseURL + "/slow")!))
        }
        let elapsed = ContinuousClock.now - started
        #expect(error?.code == .timedOut)
        #expect(elapsed >= .milliseconds(300))
        #expect(elapsed < .seconds(5))
    }

    /// A proxy would resolve the host itself, past the pinned addresses. The variables are set for this test only;
    /// other suites' requests would fail while they are set if proxies were honoured, which is the point.
    @Test("ignores proxy variables in the environment and connects to the checked address itself")
    func ignoresProxies() async throws {
        let stub = try LoopbackHTTPStub { _, _ in LoopbackHTTPStub.response(status: 200, body: "direct") }
        defer { stub.stop() }
        let names = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
        for name in names { setenv(name, "http://127.0.0.1:9", 1) }
        defer { for name in names { unsetenv(name) } }
        let response = try await client().send(.json(URL(string: stub.baseURL + "/jwks")!))
        #expect(response.body == Array("direct".utf8))
    }

    @Test("reports a refused connection as a transport failure")
    func refusedConnection() async throws {
        let stub = try LoopbackHTTPStub { _, _ in nil }
        let url = URL(string: stub.baseURL + "/")!
        stub.stop()
        let error = await #expect(throws: OIDCError.self) { try await client().send(.json(url)) }
        #expect(error?.code == .transportFailed)
    }

    @Test("ends a cancelled request with CancellationError while the provider is still silent")
    func cancellation() async throws {
        let silent = try LoopbackHTTPStub { _, _ in nil }
        defer { silent.stop() }
        let client = try client(timeout: .seconds(30))
        let task = Task { try await client.send(.json(URL(string: silent.baseURL + "/slow")!)) }
        let deadline = ContinuousClock.now + .seconds(5)
        while silent.connectionCount == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(silent.connectionCount == 1)
        let cancelled = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - cancelled < .seconds(2))
    }

    @Test("keeps the final response's headers, joining repeated fields and unfolding continued ones")
    func headers() async throws {
        let stub = try LoopbackHTTPStub { _, _ in
            let text =
                "HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nX-Repeat: a\r\nx-repeat:  b \r\nX-Folded: one\r\n\ttwo\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\nok"
            return Array(text.utf8)
        }
        defer { stub.stop() }
        let response = try await client().send(.json(URL(string: stub.baseURL + "/")!))
        #expect(response.status == 200)
        #expect(response.header("x-interim") == nil)
        #expect(response.header("x-repeat") == "a, b")
        #expect(response.header("x-folded") == "one two")
        #expect(response.body == Array("ok".utf8))
    }

    @Test(
        "refuses a request header that would end the line early, before connecting",
        arguments: [("X-Test", "a\r\nX-Injected: yes"), ("X-Test\r\nX-Injected", "yes"), ("X-Test: b", "c"), ("", "d")]
    )
    func headerInjection(name: String, value: String) async throws {
        let stub = try LoopbackHTTPStub { _, _ in LoopbackHTTPStub.response(status: 200) }
        defer { stub.stop() }
        let request = OIDCHTTPRequest(url: URL(string: stub.baseURL + "/")!, headers: [name: value])
        let error = await #expect(throws: OIDCError.self) { try await client().send(request) }
        #expect(error?.code == .invalidConfiguration)
        #expect(stub.connectionCount == 0)
    }

    @Test(
        "connects to the addresses the guard resolved, for a name only the guard's resolver knows",
        arguments: [["127.0.0.1"], ["::ffff:127.0.0.1"], ["127.0.0.3", "127.0.0.1"]]
    )
    func connectsToCheckedAddresses(addresses: [String]) async throws {
        let stub = try LoopbackHTTPStub { head, _ in
            LoopbackHTTPStub.response(
                status: 200, body: head.lowercased().contains("\r\nhost: idp.invalid:") ? "ok" : "")
        }
        defer { stub.stop() }
        let resolver = FakeHostResolver(table: ["idp.invalid": addresses])
        let response = try await client(resolver: resolver).send(
            .json(URL(string: "http://idp.invalid:\(stub.port)/")!))
        #expect(response.status == 200)
        #expect(response.body == Array("ok".utf8))
        #expect(stub.connectionCount == 1)
    }

    @Test("keeps to the checked address when the name resolves elsewhere by the time of connecting")
    func rebinding() async throws {
        let (stub, decoy) = try stubAndDecoy()
        defer {
            stub.stop()
            decoy.stop()
        }
        // The system resolves localhost to 127.0.0.1 (and ::1); the guard was told 127.0.0.2.
        let resolver = FakeHostResolver(table: ["localhost": ["127.0.0.2"]])
        let response = try await client(resolver: resolver).send(.json(URL(string: "http://localhost:\(stub.port)/")!))
        #expect(response.status == 200)
        #expect(response.body == Array("pinned".utf8))
        #expect(decoy.connectionCount == 0)
    }

    @Test("opens no socket to an address the guard did not check, even where libcurl reads the host as an address")
    func socketGuard() async throws {
        let (stub, decoy) = try stubAndDecoy()
        defer {
            stub.stop()
            decoy.stop()
        }
        // `0x7f.1` is no address to `IPAddress` (so the pin is keyed on it as a name), but libcurl reads it as
        // 127.0.0.1 and connects there without consulting the pin.
        let resolver = FakeHostResolver(table: ["0x7f.1": ["127.0.0.2"]])
        let error = await #expect(throws: OIDCError.self) {
            try await client(resolver: resolver).send(.json(URL(string: "http://0x7f.1:\(stub.port)/")!))
        }
        #expect(error?.code == .transportFailed)
        #expect(error?.detail?.contains("127.0.0.1") == true)
        #expect(decoy.connectionCount == 0)
        #expect(stub.connectionCount == 0)
    }

    @Test(
        "pins the URL's host and port to every checked address, IPv6 in brackets, and leaves address hosts alone",
        arguments: [
            ("https://idp.example/x", ["192.0.2.1", "2001:db8::1"], "idp.example:443:192.0.2.1,[2001:db8::1]"),
            ("http://idp.example:8080/", ["192.0.2.1"], "idp.example:8080:192.0.2.1"),
            ("https://192.0.2.1/", ["192.0.2.1"], nil),
            ("https://[2001:db8::1]:8443/", ["2001:db8::1"], nil),
        ] as [(String, [String], String?)]
    )
    func resolveEntry(url: String, addresses: [String], expected: String?) throws {
        let entry = CurlHTTPClient.resolveEntry(for: URL(string: url)!, addresses: addresses.compactMap(IPAddress.init))
        #expect(entry == expected)
    }
}
