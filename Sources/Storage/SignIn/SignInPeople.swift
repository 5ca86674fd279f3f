import Foundation
import Identity
import Postgres
import SCIM

/// Finds, creates and updates the person behind an OIDC sign-in, inside the sign-in's tenant transaction.
public struct SignInPeople {
    let transaction: TenantTransaction

    public init(transaction: TenantTransaction) {
        self.transaction = transaction
    }

    /// The person a provider's subject signs in as: by the stored link first, then by userName (the IdP's email or
    /// preferred username), which links them for next time. Deleted people are never found.
    ///
    /// A userName match is linked only when this provider vouches for the person: its SCIM manages them, or nobody's
    /// SCIM does and they never signed in through another provider; and never when the token calls its email
    /// unverified. Otherwise `SignInLinkRefusal` is thrown and nothing is linked.
    public func find(
        providerID: UUID, subject: String, userName: String?, emailVerified: Bool? = nil
    ) throws -> StoredUser? {
        let linked = try transaction.connection.query(
            """
            SELECT user_id FROM user_identities
            WHERE tenant_id = \(transaction.tenantID) AND provider_id = \(providerID) AND subject = \(subject)
            """
        ).rows.first
        let users = transaction.users
        if let userID: UUID = try linked?.decode("user_id"), let user = try users.find(id: userID) { return user }
        guard let userName, !userName.isEmpty else { return nil }
        let filter = try SCIMFilter.parse(
            "userName eq \(JSONValue.string(userName).serializedString)", resourceType: .user)
        guard let user = try users.list(PageRequest(filter: filter, limit: 1)).items.first else { return nil }
        if emailVerified == false { throw SignInLinkRefusal.emailNotVerified }
        if let manager = user.managingProviderID, manager != providerID {
            throw SignInLinkRefusal.managedByAnotherProvider
        }
        if user.managingProviderID == nil, try signedInElsewhere(user.id, providerID: providerID) {
            throw SignInLinkRefusal.linkedToAnotherProvider
        }
        try users.link(userID: user.id, providerID: providerID, subject: subject)
        return user
    }

    private func signedInElsewhere(_ userID: UUID, providerID: UUID) throws -> Bool {
        try !transaction.connection.query(
            """
            SELECT 1 AS present FROM user_identities
            WHERE tenant_id = \(transaction.tenantID) AND user_id = \(userID) AND provider_id <> \(providerID) LIMIT 1
            """
        ).rows.isEmpty
    }

    /// Updates what the claims own on a person no SCIM manages: a claim missing from the token keeps the last value.
    public func refresh(
        _ user: StoredUser, from claims: JSONValue, names: SignInSettings.ClaimNames = SignInSettings.ClaimNames()
    ) throws {
        guard user.managingProviderID == nil, case .object(var attributes) = user.attributes else {
            try touch(user.id)
            return
        }
        for (key, value) in SignInPeople.attributes(fromClaims: claims, userName: user.userName, names: names)
            .objectValue ?? [:]
        where key != "userName" {
            attributes[key] = value
        }
        if JSONValue.object(attributes) != user.attributes {
            _ = try transaction.users.update(id: user.id, attributes: .object(attributes))
        }
        try touch(user.id)
    }

    private func touch(_ userID: UUID) throws {
        try transaction.connection.query(
            "UPDATE users SET last_sign_in_at = now() WHERE tenant_id = \(transaction.tenantID) AND id = \(userID)")
    }

    /// SCIM attributes from the claims (OIDC Core §5.1): the email as userName and primary email, the display name
    /// from the provider's name claim, given and family names from the standard ones.
    public static func attributes(
        fromClaims claims: JSONValue, userName: String, names: SignInSettings.ClaimNames = SignInSettings.ClaimNames()
    ) -> JSONValue {
        var attributes: [String: JSONValue] = [
            "schemas": [.string(SCIMSchemas.userURN)], "userName": .string(userName),
        ]
        if let name = claims[names.name]?.stringValue, !name.isEmpty { attributes["displayName"] = .string(name) }
        var name: [String: JSONValue] = [:]
        if let given = claims["given_name"]?.stringValue, !given.isEmpty { name["givenName"] = .string(given) }
        if let family = claims["family_name"]?.stringValue, !family.isEmpty { name["familyName"] = .string(family) }
        if !name.isEmpty { attributes["name"] = .object(name) }
        if let email = claims[names.email]?.stringValue, !email.isEmpty {
            attributes["emails"] = [["value": .string(email), "primary": true]]
        }
        return .object(attributes)
    }
}
