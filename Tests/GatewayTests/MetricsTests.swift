import Foundation
import HTTPServer
import Testing

@testable import Gateway

@Suite("Prometheus metrics", .serialized)
struct MetricsTests {
    @Test("requests, latency, provisioning operations and pool gauges appear in /metrics, with no token or query")
    func metricsExposition() throws {
        let harness = try GatewayHarness()
        _ = harness.send("POST", "/scim/v2/Users", body: #"{"userName":"metrics@example.com"}"#)
        _ = harness.send("GET", "/scim/v2/Users?filter=userName%20eq%20%22metrics%40example.com%22")
        let response = harness.handler.handle(HTTPRequest(method: "GET", target: "/metrics"))
        #expect(response.status == 200)
        let text = String(decoding: response.body, as: UTF8.self)
        let provider = harness.provider.id.uuidString.lowercased()
        #expect(
            text.contains(
                "scim_gateway_http_requests_total{route=\"/scim/v2/Users\",method=\"POST\",status=\"201\","
                    + "provider=\"\(provider)\"} 1"))
        #expect(text.contains("scim_gateway_provisioning_operations_total{resource=\"User\",operation=\"create\"} 1"))
        #expect(
            text.contains("scim_gateway_http_request_duration_seconds_bucket{route=\"/scim/v2/Users\",le=\"+Inf\"} 2"))
        #expect(text.contains("scim_gateway_db_pool_connections{state=\"open\"}"))
        #expect(!text.contains(harness.token))
        #expect(!text.contains("metrics@example.com"))
    }

    @Test("a request refused for its token is counted under its route template, not as unmatched")
    func refusedRequestsKeepTheirRoute() throws {
        let harness = try GatewayHarness()
        let refused = harness.send("GET", "/scim/v2/Users/00000000-0000-0000-0000-000000000001", token: "wrong")
        #expect(refused.status == 401)
        let text = String(
            decoding: harness.handler.handle(HTTPRequest(method: "GET", target: "/metrics")).body, as: UTF8.self)
        #expect(text.contains(#"route="/scim/v2/Users/{id}",method="GET",status="401""#), "\(text)")
        #expect(!text.contains("unmatched"))
    }
}
