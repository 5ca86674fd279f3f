import Foundation
import HTTPServer
import Identity
import SCIM
import Storage
import TestSupport
import Testing

@testable import Gateway

/// The gateway harness (a fresh tenant with a SCIM-enabled provider) plus admin API keys: one for the tenant and
/// one for the whole deployment. Every admin answer is checked against the OpenAPI document as it is received.
struct AdminHarness {
    let gateway: GatewayHarness
    let tenantKey: String
    let deploymentKey: String

    var tenant: Tenant { gateway.tenant }
    var provider: OIDCProvider { gateway.provider }
    var tenantPath: String { "/api/v1/tenants/\(tenant.id.uuidString.lowercased())" }
    var providerPath: String { "\(tenantPath)/providers/\(provider.id.uuidString.lowercased())" }

    init() throws {
        gateway = try GatewayHarness()
        tenantKey = try AdminKeyRepository(pool: gateway.pool).createTenantKey(tenantID: gateway.tenant.id, name: "t")
            .secret.text
        let owner = try TestDatabase.ownerPool()
        defer { owner.close() }
        deploymentKey = try AdminKeyRepository(pool: owner).createDeploymentKey(name: "deployment").secret.text
    }

    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let json: JSONValue?

        /// The error code of an error answer.
        var code: String? { json?["error"]?["code"]?.stringValue }

        subscript(key: String) -> JSONValue? { json?[key] }

        var id: String? { json?["id"]?.stringValue }
    }

    /// Which credential a request carries.
    enum Credential {
        case tenantKey, deploymentKey, none
        case header(String)
    }

    /// Sends one admin request, with the tenant key unless told otherwise.
    @discardableResult
    func admin(
        _ method: String, _ target: String, _ body: JSONValue? = nil, as credential: Credential = .tenantKey,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Answer {
        var headers = HTTPHeaders()
        switch credential {
        case .tenantKey: headers.add(name: "Authorization", value: "Bearer \(tenantKey)")
        case .deploymentKey: headers.add(name: "Authorization", value: "Bearer \(deploymentKey)")
        case .none: break
        case .header(let value): headers.add(name: "Authorization", value: value)
        }
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        let request = HTTPRequest(
            method: method, target: target, headers: headers, body: body?.serialized() ?? [],
            remoteAddress: gateway.remoteAddress)
        let response = gateway.handler.handle(request)
        let json = response.body.isEmpty ? nil : try? JSONValue.parse(response.body)
        let answer = Answer(status: response.status, headers: response.headers, json: json)
        let problems = AdminSchemaValidator.check(method: method, target: target, answer: answer)
        #expect(
            problems.isEmpty, "\(method) \(target) → \(response.status): \(problems)", sourceLocation: sourceLocation)
        return answer
    }

    /// A SCIM request with the provider's provisioning token.
    @discardableResult
    func scim(_ method: String, _ path: String, _ body: JSONValue? = nil, token: String? = nil) -> (Int, JSONValue?) {
        let response = gateway.send(method, "/scim/v2/\(path)", body: body?.serializedString, token: token)
        return (response.status, response.json)
    }

    /// Creates a person through SCIM and returns their id.
    func scimUser(_ userName: String, _ extra: [String: JSONValue] = [:]) throws -> String {
        var body: [String: JSONValue] = ["userName": .string(userName)]
        body.merge(extra) { $1 }
        let (status, json) = scim("POST", "Users", .object(body))
        #expect(status == 201)
        return try #require(json?["id"]?.stringValue)
    }
}
