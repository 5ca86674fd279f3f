import Foundation
import Identity
import Postgres

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

    /// Recomputes each person once, in two round trips however many people changed: one pipeline reads everything
    /// the decision needs, one more writes every change. A group push of ten members costs about as much as one
    /// person's change.
    public func recompute(_ userIDs: some Sequence<UUID>) throws {
        let people = Array(Set(userIDs))
        guard !people.isEmpty else { return }
        let governance = transaction.governance
        let users = transaction.users
        let read = try transaction.connection.pipeline(
            governance.providerGovernanceQueries(providerID) + [
                governance.rolesQuery, users.anyStatesQuery(ids: people), users.allGroupNamesQuery(of: people),
                governance.membershipsQuery(.team, of: people, source: .scim),
                governance.membershipsQuery(.businessUnit, of: people, source: .scim),
                governance.rolesQuery(of: people),
            ])
        let settings = try GovernanceRepository.decodeProviderGovernance(settings: read[0].rows, rules: read[1].rows)
        let roles = try GovernanceRepository.decodeRoles(read[2].rows)
        let states = try TenantScopedUserRepository.decodeAnyStates(read[3].rows)
        let groupNames = try TenantScopedUserRepository.decodeAllGroupNames(read[4].rows)
        let currentTeams = try GovernanceRepository.decodeMemberships(read[5].rows)
        let currentUnits = try GovernanceRepository.decodeMemberships(read[6].rows)
        let heldRoles = try GovernanceRepository.decodeHeldRoles(read[7].rows)

        var outcomes: [UUID: MappingOutcome] = [:]
        for userID in people {
            guard let (user, deleted) = states[userID], !deleted else {
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
        let writes =
            changes(.team, current: currentTeams, desired: outcomes.mapValues(\.teams), governance)
            + changes(.businessUnit, current: currentUnits, desired: outcomes.mapValues(\.businessUnits), governance)
            + roleChanges(outcomes, held: heldRoles, roles, governance)
        if !writes.isEmpty { try transaction.connection.pipeline(writes) }
    }

    private func changes(
        _ kind: MembershipKind, current: [UUID: [String: UUID]], desired: [UUID: [String]],
        _ governance: GovernanceRepository
    ) -> [PostgresQuery] {
        var grants: [(user: UUID, name: String)] = []
        var revokes: [UUID: [UUID]] = [:]
        for (userID, names) in desired {
            let held = current[userID] ?? [:]
            let plan = ProvenanceMerge.plan(current: Array(held.keys), desired: names, source: .scim)
            grants += plan.grant.map { (userID, $0) }
            // The plan revokes held names exactly as stored, so each has its id.
            revokes[userID] = plan.revoke.compactMap { held[$0] }
        }
        return governance.revokeQueries(kind, revokes, source: .scim)
            + governance.grantQueries(kind, pairs: grants, source: .scim, providerID: providerID)
    }

    /// A role given by an administrator is never replaced; one SCIM gave is cleared when no rule gives it any more.
    private func roleChanges(
        _ outcomes: [UUID: MappingOutcome], held: [UUID: (id: UUID?, source: MembershipSource?)], _ roles: [Role],
        _ governance: GovernanceRepository
    ) -> [PostgresQuery] {
        var writes: [PostgresQuery] = []
        for (userID, outcome) in outcomes {
            let current = held[userID] ?? (nil, nil)
            guard current.source != .manual else { continue }
            let roleID = outcome.role.flatMap { name in roles.first { $0.name.lowercased() == name.lowercased() }?.id }
            if let roleID, current.id != roleID || current.source != .scim {
                writes.append(governance.setRoleQuery(of: userID, to: roleID, source: .scim))
            } else if roleID == nil, current.source == .scim {
                writes.append(governance.setRoleQuery(of: userID, to: nil, source: nil))
            }
        }
        return writes
    }
}
