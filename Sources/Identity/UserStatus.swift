/// Whether a person may use the gateway. Deactivation and deletion by SCIM both suspend.
public enum UserStatus: String, Sendable {
    case active
    case suspended
}
