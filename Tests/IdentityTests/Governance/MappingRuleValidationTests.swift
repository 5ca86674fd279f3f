import Identity
import Testing

/// A rule's texts and the error validation should raise, or nil when the rule may be saved.
struct ValidationCase: Sendable, CustomTestStringConvertible {
    let kind: MappingKind
    let attribute: String
    let value: String
    let target: String
    let expected: MappingRuleError.Code?

    init(
        _ kind: MappingKind, _ attribute: String, _ value: String, _ target: String, _ expected: MappingRuleError.Code?
    ) {
        self.kind = kind
        self.attribute = attribute
        self.value = value
        self.target = target
        self.expected = expected
    }

    var testDescription: String { "\(kind.rawValue) \(attribute) \(value) → \(target)" }
}

@Suite("Mapping rule validation")
struct MappingRuleValidationTests {
    static let enterpriseDepartment = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"

    @Test(
        "rules that could never work are refused before they are saved",
        arguments: [
            ValidationCase(.team, "department", "*", "*", nil),
            ValidationCase(.team, enterpriseDepartment, "Sales", "Sales", nil),
            ValidationCase(.team, "groups", "Eng: ${*} Team", "${*}", nil),
            ValidationCase(.businessUnit, "claims.realm_access.roles", "bu-${*}", "Unit ${*}", nil),
            ValidationCase(.role, "groups", "Admins", "admin", nil),
            ValidationCase(.role, "groups", "gw-${*}", "${*}", nil),
            ValidationCase(.role, "groups", "*", "*", nil),
            ValidationCase(.team, "", "*", "*", .emptyAttribute),
            ValidationCase(.team, "   ", "*", "*", .emptyAttribute),
            ValidationCase(.team, "name..givenName", "*", "*", .invalidAttribute),
            ValidationCase(.team, ".title", "*", "*", .invalidAttribute),
            ValidationCase(.team, "claims.", "*", "*", .invalidAttribute),
            ValidationCase(.team, "Claims", "*", "*", .invalidAttribute),
            ValidationCase(.team, "title", "", "*", .emptyValue),
            ValidationCase(.team, "title", "${*} and ${*}", "*", .repeatedPlaceholder),
            ValidationCase(.team, "title", "*", " ", .emptyTarget),
            ValidationCase(.role, "groups", "Admins", "Superuser", .unknownRole),
        ])
    func validation(_ example: ValidationCase) {
        let rule = MappingRule(
            kind: example.kind, attribute: example.attribute, value: example.value, target: example.target,
            position: 0)
        do {
            try rule.validate(roles: SystemRoles.all)
            #expect(example.expected == nil)
        } catch {
            #expect(error.code == example.expected)
            #expect(!error.description.isEmpty)
        }
    }

    @Test("role targets are not checked when no roles are given")
    func unknownRoleNeedsRoles() throws {
        let rule = MappingRule(kind: .role, attribute: "groups", value: "Admins", target: "Superuser", position: 0)
        try rule.validate()
        #expect(throws: MappingRuleError(code: .unknownRole)) { try rule.validate(roles: []) }
    }
}
