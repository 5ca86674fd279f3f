/// The governance view the rules give one person.
///
/// Names are trimmed, never empty, and de-duplicated ignoring case: the first spelling met wins and the order is
/// the order of the rules (by position) and of the values each rule found.
public struct MappingOutcome: Sendable, Equatable {
    /// The name of the role chosen, spelled as the role itself is; nil when no role rule named a known role.
    public var role: String?
    public var teams: [String]
    public var businessUnits: [String]

    public init(role: String? = nil, teams: [String] = [], businessUnits: [String] = []) {
        self.role = role
        self.teams = teams
        self.businessUnits = businessUnits
    }

    /// The same outcome with `names` appended to the teams, keeping the de-duplication contract.
    /// Used to add `MappingEvaluator.defaultTeams(groupNames:)` when the provider turns SCIM groups into teams.
    public func addingTeams(_ names: [String]) -> MappingOutcome {
        var outcome = self
        outcome.teams = GovernanceNames.unique(teams + names)
        return outcome
    }
}
