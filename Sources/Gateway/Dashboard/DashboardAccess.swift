import Identity

/// Who may use the dashboard: a role holding every permission its pages use, which the system role Admin does and a
/// custom role may. Checked at sign-in (to send the person to the dashboard) and again on every request, so a
/// person whose role changes loses the dashboard at the next click.
enum DashboardAccess {
    /// What the dashboard's pages read and change: providers with their mapping rules and tokens, the provisioning
    /// log, and the people, teams and business units they produce.
    static let required: Set<Permission> = Set(
        [
            ("providers", PermissionCatalog.read), ("providers", PermissionCatalog.create),
            ("providers", PermissionCatalog.update), ("providers", PermissionCatalog.delete),
            ("provisioning", PermissionCatalog.read), ("users", PermissionCatalog.read),
            ("teams", PermissionCatalog.read), ("business_units", PermissionCatalog.read),
        ].map { Permission(resource: $0.0, operation: $0.1) })

    static func admits(_ role: Role) -> Bool {
        required.isSubset(of: role.permissions)
    }
}
