import Identity

/// A provider's governance settings and rules, read once per sync.
public struct ProviderGovernance: Sendable {
    public var strategy: RoleStrategy
    public var groupsBecomeTeams: Bool
    public var rules: [MappingRule]
}
