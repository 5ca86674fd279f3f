import Foundation
import Identity
import Postgres

/// A provider's mapping rules, inside one tenant transaction. Rules take effect for a person at their next SCIM
/// write or sign-in; saving a rule does not recompute everyone at once.
public struct AdminMappingRuleRepository {
    let transaction: TenantTransaction

    private var connection: PostgresConnection { transaction.connection }
    private var tenantID: UUID { transaction.tenantID }

    /// The provider's rules in evaluation order (position, then age).
    public func list(providerID: UUID) throws -> [MappingRule] {
        _ = try transaction.adminProviders.require(providerID)
        return try transaction.governance.providerGovernance(providerID).rules
    }

    /// Validates and saves a rule (`MappingRuleError` when it could never match); at the end of the list, or at
    /// index `position` of the evaluation order when one is given (as `move`).
    public func create(
        providerID: UUID, kind: MappingKind, attribute: String, value: String, target: String, position: Int?
    ) throws -> MappingRule {
        _ = try transaction.adminProviders.require(providerID, lock: true)
        let rule = try transaction.governance.addRule(
            providerID: providerID, kind: kind, attribute: attribute, value: value, target: target)
        guard let position else { return rule }
        return try place(providerID: providerID, ruleID: rule.id, at: position)
    }

    public func delete(providerID: UUID, ruleID: UUID) throws {
        _ = try transaction.adminProviders.require(providerID)
        let deleted = try connection.query(
            """
            DELETE FROM mapping_rules WHERE tenant_id = \(tenantID) AND provider_id = \(providerID) AND id = \(ruleID)
            """
        ).affectedRows
        guard deleted == 1 else { throw AdminStoreError.notFound("mapping rule", ruleID) }
    }

    /// Moves one rule to index `position` of the evaluation order (0 is evaluated first; past the end means last).
    /// The other rules keep their order, and every rule is renumbered 0, 1, 2…, so a moved rule never ties with
    /// another at the same position and loses to it by age.
    public func move(providerID: UUID, ruleID: UUID, to position: Int) throws -> MappingRule {
        _ = try transaction.adminProviders.require(providerID, lock: true)
        return try place(providerID: providerID, ruleID: ruleID, at: position)
    }

    private func place(providerID: UUID, ruleID: UUID, at position: Int) throws -> MappingRule {
        var order = try list(providerID: providerID).map(\.id)
        guard let index = order.firstIndex(of: ruleID) else { throw AdminStoreError.notFound("mapping rule", ruleID) }
        order.remove(at: index)
        order.insert(ruleID, at: min(max(position, 0), order.count))
        guard let rule = try reorder(providerID: providerID, ruleIDs: order).first(where: { $0.id == ruleID }) else {
            throw AdminStoreError.notFound("mapping rule", ruleID)
        }
        return rule
    }

    /// Gives the rules positions 0, 1, 2… in the order listed, which must name each of the provider's rules once.
    public func reorder(providerID: UUID, ruleIDs: [UUID]) throws -> [MappingRule] {
        _ = try transaction.adminProviders.require(providerID, lock: true)
        let current = Set(try list(providerID: providerID).map(\.id))
        guard ruleIDs.count == current.count, Set(ruleIDs) == current else {
            throw AdminStoreError(.invalidOrder, "The order must list each of the provider's mapping rules once.")
        }
        guard !ruleIDs.isEmpty else { return [] }
        try connection.query(
            """
            UPDATE mapping_rules m SET position = o.ordinality - 1
            FROM unnest(\(ruleIDs.map { $0.uuidString.lowercased() })::uuid[]) WITH ORDINALITY AS o (id, ordinality)
            WHERE m.tenant_id = \(tenantID) AND m.provider_id = \(providerID) AND m.id = o.id
            """)
        return try list(providerID: providerID)
    }
}
