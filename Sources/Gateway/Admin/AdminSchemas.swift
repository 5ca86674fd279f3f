import SCIM

/// The JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of every admin API body, by component name.
///
/// Responses always carry every property listed (absent values are null), so each response schema requires all of
/// them and allows no others; request schemas list what is accepted and require what must be given.
enum AdminSchemas {
    static let all: [String: JSONValue] = [
        "Error": object(["error": object(["code": string, "message": string])]),
        "OpenAPIDocument": ["type": "object", "description": "This document."],
        "PermissionList": object(["items": array(["type": "string", "examples": ["teams:read"]])]),

        "Tenant": object(["id": uuid, "name": string, "created_at": dateTime]),
        "TenantPage": page("Tenant"),
        "TenantCreate": request(["name": name(200)], required: ["name"]),

        "Provider": object([
            "id": uuid, "tenant_id": uuid, "name": string, "issuer": nullable(string),
            "client_id": nullable(string), "provisioning_mode": choice(["both", "scim"]),
            "role_strategy": choice(["most_permissions", "first_match"]), "groups_become_teams": boolean,
            "scim": object([
                "enabled": boolean,
                "endpoint": described(nullable(string), "The SCIM base URL to give the IdP; null while SCIM is off."),
                "token_prefix": described(
                    nullable(string), "The first characters of the active token, to tell tokens apart."),
                "token_created_at": nullable(dateTime),
            ]),
            "created_at": dateTime, "updated_at": dateTime,
        ]),
        "ProviderList": list("Provider"),
        "ProviderCreate": request(providerFields, required: ["name"]),
        "ProviderUpdate": request(providerFields, required: []),
        "ScimEnabled": object([
            "endpoint": described(string, "The SCIM base URL, without a trailing slash."),
            "token": described(string, "The provisioning token; shown only in this answer."),
            "provider": ref("Provider"),
        ]),
        "ScimToken": object(["token": described(string, "The new provisioning token; the previous one fails at once.")]
        ),

        "MappingRule": object([
            "id": uuid, "provider_id": uuid, "kind": mappingKind, "attribute": string, "value": string,
            "target": string, "position": integer,
        ]),
        "MappingRuleList": list("MappingRule"),
        "MappingRuleCreate": request(
            [
                "kind": mappingKind,
                "attribute": described(name(300), "A SCIM attribute path, groups, or claims.<path>."),
                "value": described(name(300), "Compared ignoring case; * matches any value; ${*} captures a part."),
                "target": described(name(200), "The role, team or unit; * is the value, ${*} the captured part."),
                "position": described(
                    position, "Index in the evaluation order, 0 first; later rules move down. Default: last."),
            ], required: ["kind", "attribute", "value", "target"]),
        "MappingRulePosition": request(
            ["position": described(position, "Index in the evaluation order, 0 first; past the end means last.")],
            required: ["position"]),
        "MappingRuleOrder": request(
            ["rule_ids": described(array(uuid), "Every rule of the provider once, first evaluated first.")],
            required: ["rule_ids"]),

        "UserSummary": object([
            "id": uuid, "user_name": string, "display_name": nullable(string), "status": userStatus,
            "managing_provider": nullable(ref("Reference")), "role": nullable(ref("UserRole")),
            "teams": array(string), "business_units": array(string), "last_sign_in_at": nullable(dateTime),
        ]),
        "UserPage": page("UserSummary"),
        "UserDetail": object([
            "id": uuid, "user_name": string, "display_name": nullable(string), "external_id": nullable(string),
            "status": userStatus, "active": boolean, "deleted": boolean, "origin": choice(["scim", "oidc", "admin"]),
            "managing_provider": nullable(ref("Reference")), "role": nullable(ref("UserRole")),
            "teams": array(ref("Membership")), "business_units": array(ref("Membership")),
            "last_sign_in_at": nullable(dateTime), "created_at": dateTime, "updated_at": dateTime,
        ]),
        "Reference": object(["id": uuid, "name": string]),
        "UserRole": object(["id": uuid, "name": string, "source": nullable(source)]),
        "Grant": object(["source": source, "provider_id": nullable(uuid), "granted_at": dateTime]),
        "Membership": object(["id": uuid, "name": string, "grants": array(ref("Grant"))]),
        "RoleAssignmentRequest": request(["role_id": uuid], required: ["role_id"]),
        "MembershipRequest": request(
            [
                "id": described(uuid, "An existing team or unit; give this or name."),
                "name": described(name(200), "A team or unit by name, created when missing; give this or id."),
            ], required: []),

        "Grouping": object(groupingFields),
        "GroupingPage": page("Grouping"),
        "GroupingDetail": object(groupingFields.merging(["members": page("GroupingMember")]) { $1 }),
        "GroupingMember": object([
            "id": uuid, "user_name": string, "display_name": nullable(string), "status": userStatus,
            "grants": array(ref("Grant")),
        ]),
        "GroupingCreate": request(["name": name(200)], required: ["name"]),

        "Role": object([
            "id": uuid, "name": string, "is_system": boolean,
            "permissions": array(["type": "string", "examples": ["teams:read"]]),
        ]),
        "RoleList": list("Role"),
        "RoleCreate": request(["name": name(100), "permissions": permissions], required: ["name"]),
        "RoleUpdate": request(["name": name(100), "permissions": permissions], required: []),

        "ProvisioningEvent": object([
            "id": integer, "provider_id": nullable(uuid), "token_id": nullable(uuid), "resource_type": resourceType,
            "resource_id": uuid, "operation": choice(AdminEventsEndpoint.operations),
            "changed_attributes": array(string), "request_id": nullable(string), "occurred_at": dateTime,
        ]),
        "ProvisioningEventPage": page("ProvisioningEvent"),
        "ProvisioningLogEntry": object([
            "id": integer, "request_id": string, "method": string, "route": string, "status": integer,
            "dialect": string, "quirks": array(string),
            "request": described([:], "The request body with every value replaced by its type; null without body."),
            "response": described([:], "Our answer, redacted in the same way; null without body."),
            "duration_ms": ["type": "number"], "occurred_at": dateTime,
        ]),
        "ProvisioningLogPage": page("ProvisioningLogEntry"),
    ]

    // MARK: Building blocks

    static let string: JSONValue = ["type": "string"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let integer: JSONValue = ["type": "integer"]
    static let uuid: JSONValue = ["type": "string", "format": "uuid"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let position: JSONValue = ["type": "integer", "minimum": 0, "maximum": 1_000_000]
    static let mappingKind = choice(["role", "team", "business_unit"])
    static let source = choice(["manual", "scim", "oidc_claim"])
    static let userStatus = choice(["active", "suspended"])
    static let resourceType = choice(["User", "Group"])
    static let permissions = described(
        array(["type": "string", "examples": ["teams:read"]]), "resource:operation pairs from GET /permissions.")

    static let providerFields: [String: JSONValue] = [
        "name": name(200),
        "issuer": described(nullable(["type": "string", "format": "uri"]), "OIDC issuer URL; null clears it."),
        "client_id": described(nullable(string), "OAuth client id; null clears it."),
        "provisioning_mode": described(
            choice(["both", "scim"]), "both: SCIM and sign-in claims update people; scim: only SCIM does."),
        "role_strategy": choice(["most_permissions", "first_match"]),
        "groups_become_teams": described(boolean, "Whether each SCIM group is also a team of the same name."),
    ]

    static let groupingFields: [String: JSONValue] = [
        "id": uuid, "name": string, "created_at": dateTime,
        "member_count": described(integer, "People holding it through at least one grant."),
        "grants_by_source": object(["manual": integer, "scim": integer, "oidc_claim": integer]),
    ]

    /// A response object: every property present, no others.
    static func object(_ properties: [String: JSONValue]) -> JSONValue {
        [
            "type": "object", "properties": .object(properties),
            "required": .array(properties.keys.sorted().map(JSONValue.string)), "additionalProperties": false,
        ]
    }

    /// A request object: unknown fields are refused (400), so none are allowed.
    static func request(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
        [
            "type": "object", "properties": .object(properties),
            "required": .array(required.sorted().map(JSONValue.string)), "additionalProperties": false,
        ]
    }

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    static func choice(_ values: [String]) -> JSONValue {
        ["type": "string", "enum": .array(values.map(JSONValue.string))]
    }

    static func name(_ maxLength: Int) -> JSONValue {
        ["type": "string", "minLength": 1, "maxLength": .integer(Int64(maxLength))]
    }

    /// The schema or null: a second type for plain schemas, `anyOf` for references.
    static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var members) = schema, let type = members["type"]?.stringValue else {
            return ["anyOf": [schema, ["type": "null"]]]
        }
        members["type"] = [.string(type), "null"]
        if case .array(let values)? = members["enum"] { members["enum"] = .array(values + [.null]) }
        return .object(members)
    }

    static func described(_ schema: JSONValue, _ description: String) -> JSONValue {
        guard case .object(var members) = schema else { return schema }
        members["description"] = .string(description)
        return .object(members)
    }

    static func list(_ item: String) -> JSONValue { object(["items": array(ref(item))]) }

    static func page(_ item: String) -> JSONValue {
        object([
            "items": array(ref(item)),
            "next_cursor": described(nullable(string), "Pass as cursor for the next page; null on the last page."),
        ])
    }
}
