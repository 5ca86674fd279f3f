import Foundation
import HTTPServer
import SCIM
import Testing

@testable import Gateway

@Suite("Admin API errors: one JSON shape, proper statuses, never a 500 for a client mistake", .serialized)
struct AdminErrorTests {
    @Test(
        "malformed bodies are 400 with a specific code",
        arguments: [
            ("", "invalid_json"), ("{", "invalid_json"), ("[]", "invalid_json"), ("\"name\"", "invalid_json"),
            (#"{"name": 5}"#, "invalid_field"), (#"{"name": ""}"#, "invalid_field"),
            (#"{"name": "   "}"#, "invalid_field"), (#"{"name": "a\u0000b"}"#, "invalid_field"),
            (#"{"nmae": "Ops"}"#, "unknown_field"), (#"{"name": null}"#, "invalid_field"),
        ])
    func malformedBodies(body: String, code: String) throws {
        let harness = try AdminHarness()
        let request = HTTPRequest(
            method: "POST", target: harness.tenantPath + "/teams",
            headers: ["Authorization": "Bearer \(harness.tenantKey)"], body: Array(body.utf8),
            remoteAddress: harness.gateway.remoteAddress)
        let response = harness.gateway.handler.handle(request)
        #expect(response.status == 400)
        let json = try JSONValue.parse(response.body)
        #expect(json["error"]?["code"] == .string(code))
        #expect(json["error"]?["message"]?.stringValue?.isEmpty == false)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(response.headers["Cache-Control"] == "no-store")
    }

    @Test("a body above the admin limit is 413, and a list too long in a body is 413 too")
    func tooLarge() throws {
        let harness = try AdminHarness()
        let big: JSONValue = ["name": .string(String(repeating: "x", count: 70_000))]
        let answer = harness.admin("POST", harness.tenantPath + "/teams", big)
        #expect(answer.status == 413)
        #expect(answer.code == "payload_too_large")
        let ids = (0..<1001).map { _ in JSONValue.string(UUID().uuidString) }
        let order = harness.admin("PUT", harness.providerPath + "/mapping-rules/order", ["rule_ids": .array(ids)])
        #expect(order.status == 413)
    }

    @Test("an unknown path is a JSON 404; a known path with another method is 405 with Allow")
    func routing() throws {
        let harness = try AdminHarness()
        let unknown = harness.admin("GET", "/api/v1/nothing-here")
        #expect(unknown.status == 404)
        #expect(unknown.code == "not_found")
        let wrongMethod = harness.admin("DELETE", harness.tenantPath + "/roles")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["Allow"] == "GET, POST")
    }

    @Test(
        "malformed ids in the path are 404, malformed query parameters 400",
        arguments: [
            ("/users/not-a-uuid", 404), ("/teams/12", 404), ("/providers/x/mapping-rules", 404),
            ("/users?limit=0", 400), ("/users?limit=abc", 400), ("/users?cursor=%%%", 400),
            ("/users?cursor=YTEeeA", 400), ("/provisioning-events?since=yesterday", 400),
            ("/provisioning-events?resource_type=Widget", 400), ("/provisioning-events?operation=explode", 400),
            ("/provisioning-events?provider_id=7", 400), ("/users?limit=100000", 200),
        ])
    func badIdentifiers(suffix: String, status: Int) throws {
        let harness = try AdminHarness()
        let answer = harness.admin("GET", harness.tenantPath + suffix)
        #expect(answer.status == status)
    }

    @Test("the request id is returned, and an unexpected failure would carry only it")
    func requestID() throws {
        let harness = try AdminHarness()
        let answer = harness.admin("GET", harness.tenantPath)
        #expect(answer.headers["X-Request-ID"]?.isEmpty == false)
    }
}
