import Foundation

/// The three roles every tenant has, with fixed ids so databases, seeds and clients can refer to them.
///
/// Each is a strict superset of the next (Viewer ⊂ Developer ⊂ Admin), so the `mostPermissions` strategy
/// always prefers the more capable of two system roles.
public enum SystemRoles {
    /// Every operation on every resource in `PermissionCatalog`.
    public static let admin = Role(
        id: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, name: "Admin",
        permissions: PermissionCatalog.all, isSystem: true)

    /// Everything a Viewer may do, plus using models and managing their own API keys.
    public static let developer = Role(
        id: UUID(uuidString: "00000000-0000-0000-0000-000000000002")!, name: "Developer",
        permissions: viewerPermissions.union([
            Permission(resource: "models", operation: PermissionCatalog.use),
            Permission(resource: "own_api_keys", operation: PermissionCatalog.create),
            Permission(resource: "own_api_keys", operation: PermissionCatalog.update),
            Permission(resource: "own_api_keys", operation: PermissionCatalog.delete),
        ]),
        isSystem: true)

    /// Reads models, teams, business units and their own API keys; changes nothing and uses no model.
    public static let viewer = Role(
        id: UUID(uuidString: "00000000-0000-0000-0000-000000000003")!, name: "Viewer",
        permissions: viewerPermissions, isSystem: true)

    /// Admin, Developer, Viewer, from most to least capable.
    public static let all: [Role] = [admin, developer, viewer]

    private static let viewerPermissions: Set<Permission> = Set(
        ["models", "teams", "business_units", "own_api_keys"].map {
            Permission(resource: $0, operation: PermissionCatalog.read)
        })
}
