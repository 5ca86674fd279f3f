/// How a provider picks the one role a person holds when several role rules match.
public enum RoleStrategy: String, Sendable, CaseIterable {
    /// The matched known role with the most permissions; ties go to the rule with the lower position.
    case mostPermissions = "most_permissions"
    /// The known role named by the matching rule with the lowest position.
    case firstMatch = "first_match"
}
