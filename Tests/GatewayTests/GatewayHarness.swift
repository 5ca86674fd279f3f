import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage
import TestSupport

@testable import Gateway

/// The gateway's request handler over the test database, with a fresh tenant and provisioning token, called
/// in-process without sockets.
struct GatewayHarness {
    let handler: GatewayHandler
    let pool: PostgresPool
    let tenant: Tenant
    let provider: OIDCProvider
    let token: String
    /// A client address of this harness alone, so throttling in one test never reaches another.
    let remoteAddress = "127.\(UInt8.random(in: 1...254)).\(UInt8.random(in: 1...254)).\(UInt8.random(in: 1...254))"

    init(environment: [String: String] = [:]) throws {
        pool = try TestDatabase.pool()
        let configuration = try GatewayConfiguration.fromEnvironment(
            [
                "DATABASE_URL": "postgres://unused/the-pool-is-given", "PUBLIC_BASE_URL": "https://scim.example.test",
                "SQL_DIR": TestDatabase.sqlDirectory.path,
            ].merging(environment) { _, new in new })
        handler = GatewayHandler(configuration: configuration, pool: pool, logger: JSONLogger(minimumLevel: .error))
        let administration = AdministrationRepository(pool: pool)
        tenant = try administration.createTenant(name: "Gateway test")
        provider = try administration.createProvider(tenantID: tenant.id, name: "Okta", issuer: nil, clientID: nil)
        token = try administration.enableSCIM(providerID: provider.id).text
    }

    func send(
        _ method: String, _ target: String, body: String? = nil, token: String? = nil,
        headers: [(String, String)] = []
    ) -> (status: Int, headers: HTTPHeaders, json: JSONValue?) {
        var all = HTTPHeaders([("Authorization", "Bearer \(token ?? self.token)")])
        for (name, value) in headers { all.replaceOrAdd(name: name, value: value) }
        if body != nil { all.add(name: "Content-Type", value: "application/scim+json") }
        let request = HTTPRequest(
            method: method, target: target, headers: all, body: Array((body ?? "").utf8), remoteAddress: remoteAddress)
        let response = handler.handle(request)
        return (response.status, response.headers, response.body.isEmpty ? nil : try? JSONValue.parse(response.body))
    }
}
