extension MappingRule {
    /// Checks a rule before it is saved, so the admin API refuses rules that could never match or are ambiguous.
    /// The evaluator never throws: a rule that fails here simply matches nothing.
    ///
    /// When `roles` is given, a role rule whose target holds no `*` must name one of them, ignoring case.
    public func validate(roles: [Role]? = nil) throws(MappingRuleError) {
        guard let path = GovernanceNames.normalized(attribute) else { throw MappingRuleError(code: .emptyAttribute) }
        let segments = path.split(separator: ".", omittingEmptySubsequences: false)
        guard !segments.contains(where: \.isEmpty), !GovernanceNames.equal(path, "claims") else {
            throw MappingRuleError(code: .invalidAttribute)
        }

        guard let pattern = GovernanceNames.normalized(value) else { throw MappingRuleError(code: .emptyValue) }
        guard pattern.components(separatedBy: MappingPattern.placeholder).count <= 2 else {
            throw MappingRuleError(code: .repeatedPlaceholder)
        }

        guard let name = GovernanceNames.normalized(target) else { throw MappingRuleError(code: .emptyTarget) }
        if kind == .role, let roles, !name.contains("*"),
            !roles.contains(where: { GovernanceNames.equal($0.name, name) })
        {
            throw MappingRuleError(code: .unknownRole)
        }
    }
}
