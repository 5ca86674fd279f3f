import Identity
import SCIM
import Testing

/// One rule applied to one found value: the rule's `value` and `target`, the value, the names expected.
struct PatternCase: Sendable, CustomTestStringConvertible {
    let value: String
    let target: String
    let found: String
    let expected: [String]

    init(_ value: String, _ target: String, _ found: String, _ expected: [String]) {
        self.value = value
        self.target = target
        self.found = found
        self.expected = expected
    }

    var testDescription: String { "value \(value) target \(target) on \(found)" }
}

@Suite("Mapping values and targets")
struct MappingPatternTests {
    @Test(
        "a rule's value matches found values and its target names the result",
        arguments: [
            // Literal values compare ignoring case; the target is literal.
            PatternCase("Engineering", "Eng", "engineering", ["Eng"]),
            PatternCase("ENGINEERING", "Eng", "Engineering", ["Eng"]),
            PatternCase("Engineering", "Eng", "Engineering Ops", []),
            PatternCase("Engineering", "Eng", "Eng", []),
            PatternCase("Équipe", "x", "ÉQUIPE", ["x"]),
            // `*` matches any value; target `*` is the value as found, `${*}` is the whole value.
            PatternCase("*", "*", "Sales", ["Sales"]),
            PatternCase("*", "Dept ${*}", "Sales", ["Dept Sales"]),
            PatternCase("Sales", "*", "SALES", ["SALES"]),
            PatternCase("Sales", "${*}", "sales", ["sales"]),
            // Templates capture the part in place of `${*}`, literal parts ignoring case.
            PatternCase("Eng: ${*} Team", "${*}", "Eng: Alpha Team", ["Alpha"]),
            PatternCase("eng: ${*} team", "${*}", "ENG: Alpha TEAM", ["Alpha"]),
            PatternCase("Eng: ${*} Team", "Team ${*} (${*})", "Eng: Alpha Team", ["Team Alpha (Alpha)"]),
            PatternCase("Eng: ${*} Team", "*", "Eng: Alpha Team", ["Eng: Alpha Team"]),
            PatternCase("Eng: ${*} Team", "Fixed", "Eng: Alpha Team", ["Fixed"]),
            PatternCase("Eng:${*}Team", "${*}", "Eng:  Alpha  Team", ["Alpha"]),
            PatternCase("Eng: ${*} Team", "${*}", "Eng: Big Alpha Team", ["Big Alpha"]),
            PatternCase("${*}-admins", "${*}", "finance-admins", ["finance"]),
            PatternCase("team-${*}", "${*}", "team-north", ["north"]),
            PatternCase("${*}", "${*}", "Anything", ["Anything"]),
            PatternCase("Équipe ${*}", "${*}", "ÉQUIPE Nord", ["Nord"]),
            PatternCase("a${*}a", "${*}", "aba", ["b"]),
            // Templates are anchored at both ends and the capture must not be blank.
            PatternCase("Eng: ${*} Team", "${*}", "Old Eng: Alpha Team", []),
            PatternCase("Eng: ${*} Team", "${*}", "Eng: Alpha Team Lead", []),
            PatternCase("Eng: ${*} Team", "${*}", "Eng: Team", []),
            PatternCase("Eng: ${*} Team", "${*}", "Eng:   Team", []),
            PatternCase("team-${*}", "${*}", "team-", []),
            PatternCase("a${*}a", "${*}", "aa", []),
            PatternCase("a${*}a", "${*}", "a", []),
            // An asterisk not alone is a plain character.
            PatternCase("Eng*", "x", "Engineering", []),
            PatternCase("Eng*", "x", "eng*", ["x"]),
            PatternCase("*", "x*", "Sales", ["x*"]),
            // A value with two placeholders, or none at all, matches nothing.
            PatternCase("${*}:${*}", "x", "a:b", []),
            PatternCase("", "x", "a", []),
            PatternCase("   ", "x", "a", []),
            // Rule texts and results are trimmed; an empty result names nothing.
            PatternCase("  Sales  ", " Sales Team ", "sales", ["Sales Team"]),
            PatternCase("*", "   ", "Sales", []),
            PatternCase("*", "${*}", "  Sales  ", ["Sales"]),
            PatternCase("Sales", "x", "  sales ", ["x"]),
        ])
    func valueAndTarget(_ example: PatternCase) {
        let rule = MappingRule(
            kind: .team, attribute: "groups", value: example.value, target: example.target, position: 0)
        let subject = MappingSubject(attributes: [:], groupNames: [example.found])
        #expect(MappingEvaluator.targets(of: rule, subject: subject) == example.expected)
    }

    @Test("a rule yields one name per matching value, in the order found, without repeats")
    func oneNamePerValue() {
        let subject = MappingSubject(
            attributes: [:], groupNames: ["Eng: Beta Team", "Sales", "eng: alpha team", "ENG: BETA TEAM"])
        let rule = MappingRule(kind: .team, attribute: "groups", value: "Eng: ${*} Team", target: "${*}", position: 0)
        #expect(MappingEvaluator.targets(of: rule, subject: subject) == ["Beta", "alpha"])
    }

    @Test("a number or boolean attribute matches its text")
    func scalarText() {
        let subject = MappingSubject(attributes: ["level": 3, "ratio": 0.25, "admin": true])
        let cases: [(String, String, [String])] = [
            ("level", "3", ["L"]), ("level", "03", []), ("ratio", "0.25", ["L"]),
            ("admin", "TRUE", ["L"]), ("admin", "false", []),
        ]
        for (attribute, value, expected) in cases {
            let rule = MappingRule(kind: .team, attribute: attribute, value: value, target: "L", position: 0)
            #expect(MappingEvaluator.targets(of: rule, subject: subject) == expected, "\(attribute) \(value)")
        }
    }
}
