import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage

/// `/tenants/{tenantId}/providers/{providerId}/mapping-rules`: a provider's rules, in evaluation order.
///
/// A rule that could never match is refused with 400 and the rule's own error code (`MappingRuleError`).
struct AdminMappingRulesEndpoint: Sendable {
    let pool: PostgresPool

    func list(_ context: AdminRequestContext) throws -> HTTPResponse {
        let providerID = try context.id("providerId", "OIDC provider")
        let rules = try database(context).transaction { try $0.adminMappingRules.list(providerID: providerID) }
        return AdminResponse.json(AdminJSON.list(rules.map { AdminJSON.rule($0, providerID: providerID) }))
    }

    func create(_ context: AdminRequestContext) throws -> HTTPResponse {
        let providerID = try context.id("providerId", "OIDC provider")
        let body = try context.body(allowed: ["kind", "attribute", "value", "target", "position"])
        guard let kind = try body.choice("kind", MappingKind.self) else {
            throw AdminAPIError(.invalidField, "kind is required.")
        }
        let attribute = try body.requiredString("attribute", maxLength: 300)
        let value = try body.requiredString("value", maxLength: 300)
        let target = try body.requiredString("target", maxLength: 200)
        let position = try body.integer("position", in: 0...1_000_000)
        let rule = try database(context).transaction {
            try $0.adminMappingRules.create(
                providerID: providerID, kind: kind, attribute: attribute, value: value, target: target,
                position: position)
        }
        return AdminResponse.json(AdminJSON.rule(rule, providerID: providerID), status: 201)
    }

    /// Moves one rule to a new position.
    func update(_ context: AdminRequestContext) throws -> HTTPResponse {
        let providerID = try context.id("providerId", "OIDC provider")
        let ruleID = try context.id("ruleId", "mapping rule")
        let body = try context.body(allowed: ["position"])
        guard let position = try body.integer("position", in: 0...1_000_000) else {
            throw AdminAPIError(.invalidField, "position is required.")
        }
        let rule = try database(context).transaction {
            try $0.adminMappingRules.move(providerID: providerID, ruleID: ruleID, to: position)
        }
        return AdminResponse.json(AdminJSON.rule(rule, providerID: providerID))
    }

    /// Gives every rule a new position at once: `rule_ids` lists each rule once, first evaluated first.
    func reorder(_ context: AdminRequestContext) throws -> HTTPResponse {
        let providerID = try context.id("providerId", "OIDC provider")
        let body = try context.body(allowed: ["rule_ids"])
        guard
            let texts = try body.strings("rule_ids", maxCount: context.limits.maxListItems, maxLength: 64)
        else { throw AdminAPIError(.invalidField, "rule_ids is required.") }
        let ids = try texts.map { text in
            guard let id = UUID(uuidString: text) else { throw AdminAPIError.field("rule_ids", "an array of ids") }
            return id
        }
        let rules = try database(context).transaction {
            try $0.adminMappingRules.reorder(providerID: providerID, ruleIDs: ids)
        }
        return AdminResponse.json(AdminJSON.list(rules.map { AdminJSON.rule($0, providerID: providerID) }))
    }

    func delete(_ context: AdminRequestContext) throws -> HTTPResponse {
        let providerID = try context.id("providerId", "OIDC provider")
        let ruleID = try context.id("ruleId", "mapping rule")
        try database(context).transaction { try $0.adminMappingRules.delete(providerID: providerID, ruleID: ruleID) }
        return AdminResponse.noContent()
    }

    private func database(_ context: AdminRequestContext) throws -> TenantDatabase {
        TenantDatabase(pool: pool, tenantID: try context.tenantID())
    }
}
