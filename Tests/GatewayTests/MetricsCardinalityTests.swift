import HTTPServer
import Testing

@testable import Gateway

/// Regression for issue 8: the `method` label of `scim_gateway_http_requests_total` took any token a client sent,
/// before authentication, and every new value was a series kept until exit: random methods grew memory without bound.
/// Found by the hostile-input tests. Methods outside the usual few are now counted as "other".
@Suite("Metric labels a client cannot multiply", .serialized)
struct MetricsCardinalityTests {
    @Test("random methods are counted under one label, known methods under their own")
    func randomMethods() throws {
        let harness = try GatewayHarness()
        for index in 0..<50 {
            let method = "X\(index)-\(UInt64.random(in: 0...UInt64.max))"
            _ = harness.handler.handle(HTTPRequest(method: method, target: "/healthz"))
        }
        _ = harness.handler.handle(HTTPRequest(method: "GET", target: "/healthz"))
        let metrics = harness.handler.handle(HTTPRequest(method: "GET", target: "/metrics"))
        let text = String(decoding: metrics.body, as: UTF8.self)
        let healthz = text.split(separator: "\n").filter {
            $0.hasPrefix("scim_gateway_http_requests_total{route=\"/healthz\"")
        }
        #expect(healthz.contains { $0.contains("method=\"other\"") })
        #expect(healthz.contains { $0.contains("method=\"GET\"") })
        #expect(!text.contains("method=\"X"))
    }
}
