import Foundation

/// A named set of permissions a person holds in a tenant: one of `SystemRoles`, or a custom role.
///
/// Role names are compared case-insensitively by mapping rules, so a tenant should keep them unique ignoring case.
public struct Role: Sendable, Equatable {
    public let id: UUID
    public var name: String
    public var permissions: Set<Permission>
    /// System roles exist in every tenant with fixed ids and cannot be changed or deleted.
    public var isSystem: Bool

    public init(id: UUID, name: String, permissions: Set<Permission>, isSystem: Bool = false) {
        self.id = id
        self.name = name
        self.permissions = permissions
        self.isSystem = isSystem
    }

    /// Whether the role grants `operation` on `resource`.
    public func allows(_ operation: String, on resource: String) -> Bool {
        permissions.contains(Permission(resource: resource, operation: operation))
    }
}
