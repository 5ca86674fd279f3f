/// The resource types this service provider serves (RFC 7643 §6).
public enum SCIMResourceType: String, Sendable, Hashable, CaseIterable {
    case user = "User"
    case group = "Group"

    public var coreSchema: SCIMSchema {
        switch self {
        case .user: SCIMSchemas.user
        case .group: SCIMSchemas.group
        }
    }

    /// Extension schemas the resource type accepts, in the order they are listed in `schemas`.
    public var extensionSchemas: [SCIMSchema] {
        switch self {
        case .user: [SCIMSchemas.enterpriseUser]
        case .group: []
        }
    }

    public var endpoint: String {
        switch self {
        case .user: "/Users"
        case .group: "/Groups"
        }
    }

    /// The resource type named `name` ignoring case ("user", "Users" and "USER" all name `.user`).
    public init?(caseInsensitiveName name: String) {
        switch name.lowercased() {
        case "user", "users": self = .user
        case "group", "groups": self = .group
        default: return nil
        }
    }

    /// The extension schema with this URN (ignoring case), when the resource type accepts it.
    func extensionSchema(withURN urn: String) -> SCIMSchema? {
        let folded = urn.lowercased()
        return extensionSchemas.first { $0.id.lowercased() == folded }
    }
}
