import HTTPServer
import Testing

@testable import Gateway

@Suite("Health, readiness and metrics endpoints", .serialized)
struct OperationsEndpointTests {
    @Test(
        "they answer GET and HEAD and refuse any other method with 405 and Allow",
        arguments: ["/healthz", "/readyz", "/metrics", "/api/v1/session"])
    func methods(target: String) throws {
        let harness = try GatewayHarness()
        for method in ["PUT", "POST", "DELETE"] {
            let response = harness.handler.handle(HTTPRequest(method: method, target: target))
            #expect(response.status == 405, "\(method) \(target)")
            #expect(response.headers["Allow"] == "GET, HEAD")
        }
        if target != "/api/v1/session" {
            #expect(harness.handler.handle(HTTPRequest(method: "GET", target: target)).status == 200)
            let head = harness.handler.handle(HTTPRequest(method: "HEAD", target: target))
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
        }
    }
}
