import Foundation
import Identity

/// Recomputes people's role, teams and business units after a SCIM write, inside the write's transaction, so the
/// IdP's answer reflects the committed governance state.
///
/// SCIM grants are recorded with source `scim` and only those are revoked; manual grants and sign-in grants stay. A
/// role given by an administrator is never replaced.
public struct GovernanceSync {
    let transaction: TenantTransaction
    let providerID: UUID

    public init(transaction: TenantTransaction, providerID: UUID) {
        self.transaction = transaction
        self.providerID = providerID
    }

    /// Recomputes each person once, in a fixed number of statements however many people changed: a group push of
    /// ten members costs about as much as one person's change.
    public func recompute(_ userIDs: some Sequence<UUID>) throws {
        let people = Array(Set(userIDs))
        guard !people.isEmpty else { return }
        let governance = transaction.governance
        let settings = try governance.providerGovernance(providerID)
        let roles = try governance.roles()
        let users = try transaction.users.anyStates(ids: people)
        let groupNames = try transaction.users.allGroupNames(of: people)
        var outcomes: [UUID: MappingOutcome] = [:]
        for userID in people {
            guard let (user, deleted) = users[userID], !deleted else {
                outcomes[userID] = MappingOutcome()
                continue
            }
            let groups = groupNames[userID] ?? []
            let subject = MappingSubject(attributes: user.attributes, groupNames: groups)
            var outcome = MappingEvaluator.evaluate(
                settings.rules, subject: subject, strategy: settings.strategy, roles: roles)
            if settings.groupsBecomeTeams {
                outcome = outcome.addingTeams(MappingEvaluator.defaultTeams(groupNames: groups))
            }
            outcomes[userID] = outcome
        }
        try apply(.team, outcomes.mapValues(\.teams), governance)
        try apply(.businessUnit, outcomes.mapValues(\.businessUnits), governance)
        try applyRoles(outcomes, roles, governance)
    }

    private func apply(_ kind: MembershipKind, _ desired: [UUID: [String]], _ governance: GovernanceRepository) throws {
        let current = try governance.memberships(kind, of: Array(desired.keys), source: .scim)
        var grants: [(user: UUID, name: String)] = []
        var revokes: [(user: UUID, name: String)] = []
        for (userID, names) in desired {
            let plan = ProvenanceMerge.plan(current: current[userID] ?? [], desired: names, source: .scim)
            grants += plan.grant.map { (userID, $0) }
            revokes += plan.revoke.map { (userID, $0) }
        }
        try governance.revoke(kind, pairs: revokes, source: .scim)
        try governance.grant(kind, pairs: grants, source: .scim, providerID: providerID)
    }

    /// A role given by an administrator is never replaced; one SCIM gave is cleared when no rule gives it any more.
    private func applyRoles(
        _ outcomes: [UUID: MappingOutcome], _ roles: [Role], _ governance: GovernanceRepository
    ) throws {
        let current = try governance.roles(of: Array(outcomes.keys))
        for (userID, outcome) in outcomes {
            let held = current[userID] ?? (nil, nil)
            guard held.source != .manual else { continue }
            let roleID = outcome.role.flatMap { name in roles.first { $0.name.lowercased() == name.lowercased() }?.id }
            if let roleID, held.id != roleID || held.source != .scim {
                try governance.setRole(of: userID, to: roleID, source: .scim)
            } else if roleID == nil, held.source == .scim {
                try governance.setRole(of: userID, to: nil, source: nil)
            }
        }
    }
}
