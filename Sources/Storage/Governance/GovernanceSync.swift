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

    /// Recomputes each person once. Cost grows with the number of people, not with the size of their groups.
    public func recompute(_ userIDs: some Sequence<UUID>) throws {
        let people = Set(userIDs)
        guard !people.isEmpty else { return }
        let governance = transaction.governance
        let settings = try governance.providerGovernance(providerID)
        let roles = try governance.roles()
        for userID in people.sorted(by: { $0.uuidString < $1.uuidString }) {
            try recompute(userID, settings, roles, governance)
        }
    }

    private func recompute(
        _ userID: UUID, _ settings: ProviderGovernance, _ roles: [Role], _ governance: GovernanceRepository
    ) throws {
        guard let (user, deleted) = try transaction.users.anyState(id: userID) else { return }
        var outcome = MappingOutcome()
        if !deleted {
            let groupNames = try transaction.users.allGroupNames(of: userID)
            let subject = MappingSubject(attributes: user.attributes, groupNames: groupNames)
            outcome = MappingEvaluator.evaluate(
                settings.rules, subject: subject, strategy: settings.strategy, roles: roles)
            if settings.groupsBecomeTeams {
                outcome = outcome.addingTeams(MappingEvaluator.defaultTeams(groupNames: groupNames))
            }
        }
        for (kind, desired) in [(MembershipKind.team, outcome.teams), (.businessUnit, outcome.businessUnits)] {
            let current = try governance.memberships(kind, of: userID, source: .scim)
            let plan = ProvenanceMerge.plan(current: current, desired: desired, source: .scim)
            try governance.revoke(kind, plan.revoke, from: userID, source: .scim)
            try governance.grant(kind, plan.grant, to: userID, source: .scim, providerID: providerID)
        }
        let current = try governance.role(of: userID)
        guard current.source != .manual else { return }
        let roleID = outcome.role.flatMap { name in roles.first { $0.name.lowercased() == name.lowercased() }?.id }
        if let roleID, current.id != roleID || current.source != .scim {
            try governance.setRole(of: userID, to: roleID, source: .scim)
        } else if roleID == nil, current.source == .scim {
            try governance.setRole(of: userID, to: nil, source: nil)
        }
    }
}
