/// Every (resource, operation) pair the gateway checks. Roles should hold only pairs from here.
///
/// | resource | operations | what it covers |
/// |---|---|---|
/// | `users` | read, create, update, delete | people, their status and manual grants |
/// | `teams` | read, create, update, delete | teams and their members |
/// | `business_units` | read, create, update, delete | business units and their members |
/// | `roles` | read, create, update, delete | custom roles; system roles are read-only |
/// | `providers` | read, create, update, delete | OIDC providers, mapping rules, provisioning tokens |
/// | `provisioning` | read | provisioning events and the per-provider provisioning log |
/// | `models` | read, create, update, delete, use | model catalog; `use` sends requests to a model |
/// | `api_keys` | read, create, update, delete | every API key of the tenant |
/// | `own_api_keys` | read, create, update, delete | the API keys the caller owns |
/// | `logs` | read | the gateway's request logs |
public enum PermissionCatalog {
    public static let read = "read"
    public static let create = "create"
    public static let update = "update"
    public static let delete = "delete"
    public static let use = "use"

    /// Resources in display order, each with the operations defined on it.
    public static let operationsByResource: [(resource: String, operations: [String])] = [
        ("users", manage),
        ("teams", manage),
        ("business_units", manage),
        ("roles", manage),
        ("providers", manage),
        ("provisioning", [read]),
        ("models", manage + [use]),
        ("api_keys", manage),
        ("own_api_keys", manage),
        ("logs", [read]),
    ]

    /// Every permission the catalog defines.
    public static let all: Set<Permission> = Set(
        operationsByResource.flatMap { entry in
            entry.operations.map { Permission(resource: entry.resource, operation: $0) }
        })

    /// Whether the gateway defines this pair; the admin API refuses custom roles holding anything else.
    public static func contains(_ permission: Permission) -> Bool {
        all.contains(permission)
    }

    private static let manage = [read, create, update, delete]
}
