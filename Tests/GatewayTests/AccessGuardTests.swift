import Foundation
import HTTPServer
import Testing

@testable import Gateway

@Suite("Rate limits and authentication throttling", .serialized)
struct AccessGuardTests {
    @Test("after too many failed tokens from one client the next attempt is 429 with Retry-After, not a lookup")
    func failedAuthenticationThrottled() throws {
        let harness = try GatewayHarness()
        let wrong = "scimgw_XXXX" + UUID().uuidString
        var statuses: [Int] = []
        for _ in 0..<25 {
            statuses.append(harness.send("GET", "/scim/v2/Users", token: wrong).status)
        }
        #expect(statuses.prefix(20).allSatisfy { $0 == 401 })
        #expect(statuses.suffix(5).allSatisfy { $0 == 429 })
        let throttled = harness.handler.handle(
            HTTPRequest(
                method: "GET", target: "/scim/v2/Users", headers: ["Authorization": "Bearer \(wrong)"],
                remoteAddress: harness.remoteAddress))
        #expect(throttled.headers["Retry-After"] == "60")
        // Another IdP's valid token from the same address is not locked out.
        #expect(harness.send("GET", "/scim/v2/Users").status == 200)
        // Another prefix from the same address has a budget of its own, but the address as a whole is bounded too.
        var varied: [Int] = []
        for index in 0..<1000 {
            // Each of these has a prefix (the first eleven characters) of its own.
            let prefix = "scimgw_" + String(String(10000 + index).suffix(4))
            varied.append(harness.send("GET", "/scim/v2/Users", token: prefix + "-not-a-token").status)
        }
        #expect(varied.first == 401)
        #expect(varied.suffix(10).allSatisfy { $0 == 429 })
        #expect(harness.send("GET", "/scim/v2/Users").status == 200)
    }

    @Test("failures made with a valid token's prefix, from many addresses, never lock that token out")
    func validTokenNeverLockedOut() throws {
        let harness = try GatewayHarness()
        let forged = String(harness.token.prefix(11)) + String(repeating: "z", count: 32)
        var statuses: [Int] = []
        for index in 0..<210 {
            let request = HTTPRequest(
                method: "GET", target: "/scim/v2/Users", headers: ["Authorization": "Bearer \(forged)"],
                remoteAddress: "10.9.\(index / 20).\(index % 20)")
            statuses.append(harness.handler.handle(request).status)
        }
        #expect(statuses.prefix(200).allSatisfy { $0 == 401 })
        #expect(statuses.suffix(10).allSatisfy { $0 == 429 })
        #expect(harness.send("GET", "/scim/v2/Users").status == 200)
    }

    @Test("one token's requests beyond its per-second budget get 429 with Retry-After 1")
    func tokenRateLimit() throws {
        let harness = try GatewayHarness(environment: ["SCIM_RATE_LIMIT_PER_SECOND": "5"])
        var statuses: [Int] = []
        let started = Date()
        for _ in 0..<12 { statuses.append(harness.send("GET", "/scim/v2/Users?count=0").status) }
        // All twelve fall within one or two one-second windows, so at least two are refused.
        #expect(Date().timeIntervalSince(started) < 1.0, "the loop was too slow to prove the limit")
        #expect(statuses.filter { $0 == 429 }.count >= 2)
        #expect(statuses.first == 200)
    }
}
