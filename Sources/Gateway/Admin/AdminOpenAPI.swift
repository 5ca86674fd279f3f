import SCIM

/// The OpenAPI 3.1 document of the admin API, built from the route table (`AdminRoute.all`) and the body schemas
/// (`AdminSchemas`), so it describes exactly the operations the router serves.
///
/// `docs/openapi.json` in the repository is this document's text (`scim-gateway openapi` prints it); a test fails
/// when the two differ or when a route is missing from the file.
enum AdminOpenAPI {
    static let document: JSONValue = build()

    /// The served bytes, also the content of `docs/openapi.json`.
    static let documentBytes: [UInt8] = document.prettyPrinted()

    private static let errorResponses: [Int: (name: String, description: String)] = [
        400: ("BadRequest", "The request is malformed or a value is not accepted."),
        401: ("Unauthorized", "The admin API key is missing, unknown or revoked."),
        403: ("Forbidden", "The operation needs a deployment-wide key."),
        404: ("NotFound", "No such resource in a tenant the key reaches."),
        409: ("Conflict", "The request clashes with the current state."),
        413: ("PayloadTooLarge", "The body or a list in it is too large."),
        500: ("InternalError", "An unexpected failure; the message holds only the request id."),
        503: ("Unavailable", "The database is briefly unavailable; retry after Retry-After seconds."),
    ]

    private static func build() -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for route in AdminRoute.all {
            var item = paths[route.path]?.objectValue ?? [:]
            item[route.method.lowercased()] = operation(route)
            paths[route.path] = .object(item)
        }
        var responses: [String: JSONValue] = [:]
        for (_, response) in errorResponses {
            responses[response.name] = [
                "description": .string(response.description),
                "content": ["application/json": ["schema": AdminSchemas.ref("Error")]],
            ]
        }
        let tags = AdminRoute.all.reduce(into: [String]()) { tags, route in
            if !tags.contains(route.tag) { tags.append(route.tag) }
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "SCIM Gateway admin API", "version": "1",
                "description": .string(description),
            ],
            "servers": [["url": "/api/v1"]],
            "security": [["adminKey": []]],
            "tags": .array(tags.map { ["name": .string($0)] }),
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "adminKey": [
                        "type": "http", "scheme": "bearer",
                        "description": .string(keyDescription),
                    ]
                ],
                "schemas": .object(AdminSchemas.all),
                "responses": .object(responses),
            ],
        ]
    }

    private static let keyDescription = """
        An admin API key (scimgw_admin_…) from `scim-gateway admin-key create`: with --tenant it reaches that \
        tenant only, without it every tenant.
        """

    private static let description = """
        Administration of tenants, OIDC providers, SCIM provisioning, mapping rules, people, manual grants, teams, \
        business units, roles and provisioning events. Every answer is JSON and never cached. Errors are \
        {"error": {"code", "message"}}. Lists of unbounded size are paged by keyset: pass next_cursor as cursor \
        until it is null. Every write is one transaction.
        """

    private static func operation(_ route: AdminRoute) -> JSONValue {
        var parameters: [JSONValue] = route.segments.filter { $0.hasPrefix("{") }.map { segment in
            [
                "name": .string(String(segment.dropFirst().dropLast())), "in": "path", "required": true,
                "schema": AdminSchemas.uuid,
            ]
        }
        parameters += route.query.map { parameter in
            [
                "name": .string(parameter.name), "in": "query", "required": false, "schema": parameter.schema,
                "description": .string(parameter.description),
            ]
        }
        var responses: [String: JSONValue] = [:]
        for status in [route.successStatus] + (route.alternateSuccessStatus.map { [$0] } ?? []) {
            var response: [String: JSONValue] = ["description": .string(status == 204 ? "Done." : "Success.")]
            if let schema = route.responseSchema {
                response["content"] = ["application/json": ["schema": AdminSchemas.ref(schema)]]
            }
            responses[String(status)] = .object(response)
        }
        for status in errorStatuses(route) {
            responses[String(status)] = ["$ref": .string("#/components/responses/\(errorResponses[status]!.name)")]
        }
        var operation: [String: JSONValue] = [
            "operationId": .string(route.operationID), "summary": .string(route.summary),
            "tags": [.string(route.tag)], "responses": .object(responses),
        ]
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let schema = route.requestSchema {
            operation["requestBody"] = [
                "required": true, "content": ["application/json": ["schema": AdminSchemas.ref(schema)]],
            ]
        }
        if route.access == .open { operation["security"] = [] }
        return .object(operation)
    }

    /// The error statuses an operation can answer, from what it takes and who may call it.
    static func errorStatuses(_ route: AdminRoute) -> [Int] {
        var statuses: [Int] = []
        if route.requestSchema != nil || !route.query.isEmpty { statuses.append(400) }
        if route.access != .open { statuses.append(401) }
        if route.access == .deployment { statuses.append(403) }
        if route.access == .tenant || route.path.contains("{") { statuses.append(404) }
        if route.conflicts { statuses.append(409) }
        if route.requestSchema != nil { statuses.append(413) }
        statuses.append(500)
        if route.access != .open { statuses.append(503) }
        return statuses
    }
}
