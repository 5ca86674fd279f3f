import Foundation
import Identity
import SCIM
import Testing

/// Role rules, a strategy, and the role the person should end with.
struct RoleCase: Sendable, CustomTestStringConvertible {
    let name: String
    let rules: [MappingRule]
    let strategy: RoleStrategy
    let expected: String?

    var testDescription: String { "\(name) (\(strategy.rawValue))" }
}

@Suite("Mapping the role")
struct MappingRoleTests {
    /// Groups Viewers, Developers, Admins; claims carry Keycloak realm roles.
    static let subject = MappingSubject(
        attributes: ["userType": "Employee", "roles": [["value": "gw-viewer"], ["value": "gw-admin"]]],
        groupNames: ["Viewers", "Developers", "Admins"],
        claims: ["realm_access": ["roles": ["gw-developer", "offline_access"]]])

    /// Custom roles: Auditor sits between Developer and Admin; Twin A and Twin B hold as many permissions.
    static let auditor = Role(
        id: UUID(), name: "Auditor",
        permissions: Set(PermissionCatalog.all.filter { $0.operation == PermissionCatalog.read }))
    static let twinA = Role(id: UUID(), name: "Twin A", permissions: SystemRoles.viewer.permissions)
    static let twinB = Role(id: UUID(), name: "Twin B", permissions: SystemRoles.viewer.permissions)
    static let roles = SystemRoles.all + [auditor, twinA, twinB]

    static func rule(_ attribute: String, _ value: String, _ target: String, at position: Int) -> MappingRule {
        MappingRule(kind: .role, attribute: attribute, value: value, target: target, position: position)
    }

    static let viewerGroup = rule("groups", "Viewers", "Viewer", at: 1)
    static let developerGroup = rule("groups", "developers", "developer", at: 2)
    static let adminGroup = rule("groups", "ADMINS", "admin", at: 3)

    static let cases: [RoleCase] = [
        RoleCase(
            name: "first match takes the lowest position", rules: [adminGroup, developerGroup, viewerGroup],
            strategy: .firstMatch, expected: "Viewer"),
        RoleCase(
            name: "most permissions takes the largest role", rules: [viewerGroup, adminGroup, developerGroup],
            strategy: .mostPermissions, expected: "Admin"),
        RoleCase(
            name: "most permissions between two", rules: [viewerGroup, developerGroup],
            strategy: .mostPermissions, expected: "Developer"),
        RoleCase(
            name: "custom role counts its permissions",
            rules: [rule("userType", "employee", "auditor", at: 0), developerGroup],
            strategy: .mostPermissions, expected: "Auditor"),
        RoleCase(
            name: "a target naming no role is ignored",
            rules: [rule("groups", "Admins", "Superuser", at: 0), developerGroup],
            strategy: .firstMatch, expected: "Developer"),
        RoleCase(
            name: "a target naming no role is ignored by most permissions",
            rules: [rule("groups", "Admins", "Superuser", at: 0), viewerGroup],
            strategy: .mostPermissions, expected: "Viewer"),
        RoleCase(
            name: "only unknown targets give no role",
            rules: [rule("groups", "*", "*", at: 0)], strategy: .firstMatch, expected: nil),
        RoleCase(
            name: "a rule that does not match gives no role",
            rules: [rule("groups", "Owners", "Admin", at: 0)], strategy: .mostPermissions, expected: nil),
        RoleCase(
            name: "the role keeps its own spelling", rules: [rule("groups", "admins", "aDmIn", at: 0)],
            strategy: .firstMatch, expected: "Admin"),
        RoleCase(
            name: "ties go to the lower position",
            rules: [rule("groups", "Admins", "Twin B", at: 2), rule("groups", "Viewers", "Twin A", at: 1)],
            strategy: .mostPermissions, expected: "Twin A"),
        RoleCase(
            name: "ties at equal positions go to the earlier rule",
            rules: [rule("groups", "Admins", "Twin B", at: 1), rule("groups", "Viewers", "Twin A", at: 1)],
            strategy: .mostPermissions, expected: "Twin B"),
        RoleCase(
            name: "claims template picks the role",
            rules: [rule("claims.realm_access.roles", "gw-${*}", "${*}", at: 0)],
            strategy: .firstMatch, expected: "Developer"),
        RoleCase(
            name: "first match within one rule follows the order values were found",
            rules: [rule("roles", "gw-${*}", "${*}", at: 0)], strategy: .firstMatch, expected: "Viewer"),
        RoleCase(
            name: "most permissions within one rule weighs every value",
            rules: [rule("roles", "gw-${*}", "${*}", at: 0)], strategy: .mostPermissions, expected: "Admin"),
        RoleCase(
            name: "group names as role names", rules: [rule("groups", "*", "*", at: 0)],
            strategy: .mostPermissions, expected: nil),
        RoleCase(
            name: "group names stripped to role names", rules: [rule("groups", "${*}s", "${*}", at: 0)],
            strategy: .mostPermissions, expected: "Admin"),
        RoleCase(
            name: "group names stripped, first match", rules: [rule("groups", "${*}s", "${*}", at: 0)],
            strategy: .firstMatch, expected: "Viewer"),
        RoleCase(
            name: "team rules never give a role",
            rules: [MappingRule(kind: .team, attribute: "groups", value: "Admins", target: "Admin", position: 0)],
            strategy: .firstMatch, expected: nil),
    ]

    @Test("the strategy picks one known role among the matching rules", arguments: cases)
    func strategyPicksRole(_ example: RoleCase) {
        let outcome = MappingEvaluator.evaluate(
            example.rules, subject: Self.subject, strategy: example.strategy, roles: Self.roles)
        #expect(outcome.role == example.expected)
    }

    @Test("without known roles no rule gives a role", arguments: RoleStrategy.allCases)
    func noKnownRoles(strategy: RoleStrategy) {
        let outcome = MappingEvaluator.evaluate(
            [Self.adminGroup, Self.viewerGroup], subject: Self.subject, strategy: strategy, roles: [])
        #expect(outcome.role == nil)
    }

    @Test("when two roles share a name ignoring case the one listed first is used")
    func firstListedRoleWins() {
        let lesser = Role(id: UUID(), name: "ADMIN", permissions: [])
        let outcome = MappingEvaluator.evaluate(
            [Self.adminGroup], subject: Self.subject, strategy: .mostPermissions, roles: [lesser, SystemRoles.admin])
        #expect(outcome.role == "ADMIN")
    }

    @Test(
        "strategies keep their stored names",
        arguments: [
            (RoleStrategy.mostPermissions, "most_permissions"), (.firstMatch, "first_match"),
        ])
    func strategyRawValues(strategy: RoleStrategy, raw: String) {
        #expect(strategy.rawValue == raw)
        #expect(RoleStrategy(rawValue: raw) == strategy)
    }
}
