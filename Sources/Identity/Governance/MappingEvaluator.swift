/// Applies a provider's mapping rules to one person. Pure: the same rules and person always give the same outcome.
///
/// - Rules run in `position` order (equal positions keep the given order); each yields the targets of the values
///   it matched, in the order the values were found (see `MappingRule` for paths, patterns and targets).
/// - Teams and business units: every matching rule applies; the names are de-duplicated ignoring case.
/// - Role: one. Only role targets naming a role in `roles` (ignoring case) count; others are ignored.
///   `firstMatch` takes the first such target; `mostPermissions` the one whose role has the most permissions,
///   ties going to the earlier target. Nil when none counts, which refuses a sign-in.
/// - SCIM groups are not teams here. A provider that turns each group into a team of the same name (the
///   default) adds them: `evaluate(…).addingTeams(MappingEvaluator.defaultTeams(groupNames: subject.groupNames))`.
public enum MappingEvaluator {
    public static func evaluate(
        _ rules: [MappingRule], subject: MappingSubject, strategy: RoleStrategy, roles: [Role]
    ) -> MappingOutcome {
        var teams: [String] = []
        var businessUnits: [String] = []
        var roleTargets: [String] = []
        for rule in ordered(rules) {
            let names = targets(of: rule, subject: subject)
            switch rule.kind {
            case .team: teams += names
            case .businessUnit: businessUnits += names
            case .role: roleTargets += names
            }
        }
        return MappingOutcome(
            role: chooseRole(among: roleTargets, strategy: strategy, roles: roles)?.name,
            teams: GovernanceNames.unique(teams),
            businessUnits: GovernanceNames.unique(businessUnits))
    }

    /// The names one rule gives the person, in the order its values were found; empty when it matches nothing.
    /// Lets an administrator try a rule against a person or a set of claims before saving it.
    public static func targets(of rule: MappingRule, subject: MappingSubject) -> [String] {
        let pattern = MappingPattern(rule.value)
        guard pattern.isUsable else { return [] }
        let names = subject.values(at: rule.attribute).compactMap { found in
            pattern.capture(in: found).flatMap { MappingPattern.render(target: rule.target, found: found, capture: $0) }
        }
        return GovernanceNames.unique(names)
    }

    /// One team per SCIM group, named as the group: the default team mapping of a provider.
    public static func defaultTeams(groupNames: [String]) -> [String] {
        GovernanceNames.unique(groupNames)
    }

    /// Rules by position, equal positions in the order given.
    static func ordered(_ rules: [MappingRule]) -> [MappingRule] {
        rules.enumerated()
            .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element)
    }

    private static func chooseRole(among targets: [String], strategy: RoleStrategy, roles: [Role]) -> Role? {
        var known: [[String]: Role] = [:]
        for role in roles where known[GovernanceNames.folded(role.name)] == nil {
            known[GovernanceNames.folded(role.name)] = role
        }
        let candidates = targets.compactMap { known[GovernanceNames.folded($0)] }
        switch strategy {
        case .firstMatch:
            return candidates.first
        case .mostPermissions:
            return candidates.reduce(nil) { best, role in
                guard let best, best.permissions.count >= role.permissions.count else { return role }
                return best
            }
        }
    }
}
