import Identity
import SCIM
import Testing

@Suite("Mapping teams and business units")
struct MappingEvaluatorTests {
    static let enterprise = GovernanceFixtures.enterpriseURN

    /// A tenant's rules over the fixture person, listed out of position order on purpose.
    static let rules: [MappingRule] = [
        MappingRule(kind: .team, attribute: "department", value: "*", target: "*", position: 30),
        MappingRule(kind: .team, attribute: "groups", value: "Eng: ${*} Team", target: "${*}", position: 10),
        MappingRule(
            kind: .businessUnit, attribute: "\(enterprise):costCenter", value: "CC-${*}", target: "Unit ${*}",
            position: 5),
        MappingRule(kind: .team, attribute: "claims.groups", value: "Eng: ${*} Team", target: "${*}", position: 20),
        MappingRule(kind: .team, attribute: "title", value: "Staff Engineer", target: "alpha", position: 40),
        MappingRule(kind: .businessUnit, attribute: "groups", value: "All Staff", target: "Company", position: 1),
        MappingRule(kind: .team, attribute: "userType", value: "Contractor", target: "Contractors", position: 0),
        MappingRule(kind: .role, attribute: "groups", value: "*", target: "*", position: 0),
    ]

    @Test("every matching team and unit rule applies, in position order, without case-insensitive repeats")
    func allMatchesApply() {
        let outcome = MappingEvaluator.evaluate(
            Self.rules, subject: GovernanceFixtures.person, strategy: .firstMatch, roles: SystemRoles.all)
        #expect(outcome.teams == ["Alpha", "Beta", "Gamma", "Engineering"])
        #expect(outcome.businessUnits == ["Company", "Unit 42"])
        #expect(outcome.role == nil)
    }

    @Test("claim rules contribute nothing when SCIM wrote the person")
    func claimRulesNeedClaims() {
        let outcome = MappingEvaluator.evaluate(
            Self.rules, subject: GovernanceFixtures.scimPerson, strategy: .firstMatch, roles: SystemRoles.all)
        #expect(outcome.teams == ["Alpha", "Beta", "Engineering"])
    }

    @Test("equal positions keep the order the rules were given in")
    func equalPositionsAreStable() {
        let subject = MappingSubject(attributes: ["title": "T"], groupNames: ["G"])
        let rules = [
            MappingRule(kind: .team, attribute: "title", value: "*", target: "From title", position: 1),
            MappingRule(kind: .team, attribute: "groups", value: "*", target: "From group", position: 1),
            MappingRule(kind: .team, attribute: "groups", value: "*", target: "First", position: 0),
        ]
        let outcome = MappingEvaluator.evaluate(rules, subject: subject, strategy: .firstMatch, roles: [])
        #expect(outcome.teams == ["First", "From title", "From group"])
        let reversed = MappingEvaluator.evaluate(
            [rules[1], rules[0], rules[2]], subject: subject, strategy: .firstMatch, roles: [])
        #expect(reversed.teams == ["First", "From group", "From title"])
    }

    @Test("rules of one kind never fill another kind")
    func kindsStayApart() {
        let subject = MappingSubject(attributes: ["department": "Sales"])
        for kind in MappingKind.allCases {
            let rule = MappingRule(kind: kind, attribute: "department", value: "*", target: "Admin", position: 0)
            let outcome = MappingEvaluator.evaluate(
                [rule], subject: subject, strategy: .firstMatch,
                roles: SystemRoles.all)
            #expect(outcome.teams == (kind == .team ? ["Admin"] : []))
            #expect(outcome.businessUnits == (kind == .businessUnit ? ["Admin"] : []))
            #expect(outcome.role == (kind == .role ? "Admin" : nil))
        }
    }

    @Test("no rules give an empty outcome")
    func noRules() {
        let outcome = MappingEvaluator.evaluate(
            [], subject: GovernanceFixtures.person, strategy: .mostPermissions, roles: SystemRoles.all)
        #expect(outcome == MappingOutcome())
    }

    @Test(
        "each SCIM group is by default a team of the same name",
        arguments: [
            (["Engineering", "Sales"], ["Engineering", "Sales"]),
            (["Sales", "SALES", " sales ", "Ops"], ["Sales", "Ops"]),
            (["  Padded  ", "", "   "], ["Padded"]),
            ([], []),
        ])
    func defaultTeams(groups: [String], expected: [String]) {
        #expect(MappingEvaluator.defaultTeams(groupNames: groups) == expected)
    }

    @Test("default group teams combine with rule teams without repeats")
    func defaultTeamsCombine() {
        let subject = MappingSubject(attributes: ["department": "engineering"], groupNames: ["Engineering", "Ops"])
        let rule = MappingRule(kind: .team, attribute: "department", value: "*", target: "*", position: 0)
        let outcome = MappingEvaluator.evaluate([rule], subject: subject, strategy: .firstMatch, roles: [])
            .addingTeams(MappingEvaluator.defaultTeams(groupNames: subject.groupNames))
        #expect(outcome.teams == ["engineering", "Ops"])
    }
}
