import Foundation
import SCIM
import TestSupport
import Testing

@testable import Gateway

@Suite("Admin API: the OpenAPI document", .serialized)
struct AdminOpenAPITests {
    private static let file = TestDatabase.sqlDirectory.deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.json")

    @Test("the served document is byte for byte docs/openapi.json (regenerate with `scim-gateway openapi`)")
    func servedEqualsFile() throws {
        let harness = try AdminHarness()
        let served = harness.gateway.handler.handle(.init(method: "GET", target: "/api/v1/openapi.json"))
        #expect(served.status == 200)
        #expect(served.headers["Content-Type"] == "application/json; charset=utf-8")
        let identical = served.body == Array(try Data(contentsOf: Self.file))
        #expect(identical, "docs/openapi.json is stale: run `scim-gateway openapi > docs/openapi.json`")
    }

    @Test("every route of the router appears in the repository's file with its method and operation id")
    func everyRouteDocumented() throws {
        let document = try JSONValue.parse(Array(try Data(contentsOf: Self.file)))
        #expect(document["openapi"] == "3.1.0")
        var documented = 0
        for route in AdminRoute.all {
            let operation = document["paths"]?[route.path]?[route.method.lowercased()]
            #expect(operation?["operationId"] == .string(route.operationID), "\(route.method) \(route.path)")
            #expect(operation?["responses"]?[String(route.successStatus)] != nil, "\(route.operationID)")
            documented += 1
        }
        let operations = document["paths"]?.objectValue?.values.reduce(0) { $0 + ($1.objectValue?.count ?? 0) }
        #expect(operations == documented, "the file documents operations the router does not serve")
        #expect(Set(AdminRoute.all.map(\.operationID)).count == AdminRoute.all.count)
    }

    @Test("every reference in the document resolves")
    func referencesResolve() throws {
        var unresolved: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if let reference = members["$ref"]?.stringValue,
                    AdminSchemaValidator.resolve(reference, AdminOpenAPI.document) == nil
                {
                    unresolved.append(reference)
                }
                members.values.forEach(walk)
            case .array(let elements):
                elements.forEach(walk)
            default:
                break
            }
        }
        walk(AdminOpenAPI.document)
        #expect(unresolved.isEmpty)
    }

    @Test("the validator used on every answer catches a body that breaks the schema")
    func validatorCanFail() throws {
        let document = AdminOpenAPI.document
        let tenant = AdminSchemas.ref("Tenant")
        let good: JSONValue = [
            "id": "4b9e3a8c-0000-4000-8000-000000000000", "name": "Acme", "created_at": "2026-01-01T00:00:00Z",
        ]
        #expect(AdminSchemaValidator.validate(good, tenant, document, at: "$").isEmpty)
        let extra: JSONValue = ["id": "x", "name": 5, "created_at": "2026-01-01T00:00:00Z", "secret": "no"]
        #expect(AdminSchemaValidator.validate(extra, tenant, document, at: "$").count == 3)
    }
}
