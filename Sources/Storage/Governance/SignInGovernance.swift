import Foundation
import Identity
import SCIM

/// Applies a provider's claim rules at sign-in: claims only add teams and units (source `oidc_claim`); a role from
/// claims is taken unless an administrator or SCIM gave one.
public struct SignInGovernance {
    let transaction: TenantTransaction
    let providerID: UUID

    public init(transaction: TenantTransaction, providerID: UUID) {
        self.transaction = transaction
        self.providerID = providerID
    }

    /// Applies the rules whose attribute is a claim; returns the person's role id after sign-in, nil when they have
    /// none (the sign-in is then refused).
    public func apply(claims: JSONValue, to user: StoredUser) throws -> UUID? {
        let governance = transaction.governance
        let settings = try governance.providerGovernance(providerID)
        let roles = try governance.roles()
        let claimRules = settings.rules.filter { $0.attribute.lowercased().hasPrefix("claims.") }
        let subject = MappingSubject(attributes: user.attributes, groupNames: [], claims: claims)
        let outcome = MappingEvaluator.evaluate(claimRules, subject: subject, strategy: settings.strategy, roles: roles)
        try governance.grant(.team, outcome.teams, to: user.id, source: .oidcClaim, providerID: providerID)
        try governance.grant(
            .businessUnit, outcome.businessUnits, to: user.id, source: .oidcClaim, providerID: providerID)
        let current = try governance.role(of: user.id)
        if current.source == .manual || current.source == .scim { return current.id }
        // A claim missing from this token keeps the last known role.
        guard let name = outcome.role, let role = roles.first(where: { $0.name.lowercased() == name.lowercased() })
        else { return current.id }
        if current.id != role.id { try governance.setRole(of: user.id, to: role.id, source: .oidcClaim) }
        return role.id
    }
}
