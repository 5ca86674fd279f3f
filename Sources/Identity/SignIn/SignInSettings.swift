import Foundation

/// How a provider's OIDC sign-in works: where the IdP is, who we are to it, and which claims say what.
public struct SignInSettings: Sendable, Equatable {
    public var tenantID: UUID
    public var providerID: UUID
    public var issuer: String?
    public var clientID: String?
    /// The client secret sealed with the deployment's secret key; opened only to call the token endpoint.
    public var clientSecretSealed: [UInt8]?
    public var scopes: String
    public var audience: String?
    public var claims: ClaimNames
    public var provisioningMode: ProvisioningMode

    /// Claim names for the person's stable id, their email (also their userName) and their display name. Groups and
    /// roles have no setting: mapping rules name any claim by its path (`claims.groups`, `claims.realm_access.roles`).
    public struct ClaimNames: Sendable, Equatable {
        public var userID: String
        public var email: String
        public var name: String

        public init(userID: String = "sub", email: String = "email", name: String = "name") {
            self.userID = userID
            self.email = email
            self.name = name
        }
    }

    public init(
        tenantID: UUID, providerID: UUID, issuer: String?, clientID: String?, clientSecretSealed: [UInt8]?,
        scopes: String = "openid profile email offline_access", audience: String? = nil,
        claims: ClaimNames = ClaimNames(), provisioningMode: ProvisioningMode = .both
    ) {
        self.tenantID = tenantID
        self.providerID = providerID
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecretSealed = clientSecretSealed
        self.scopes = scopes
        self.audience = audience
        self.claims = claims
        self.provisioningMode = provisioningMode
    }

    /// The associated data binding a sealed client secret to this provider, so it cannot be moved to another row.
    public var secretBinding: [UInt8] {
        Array("oidc-client-secret:\(tenantID.uuidString.lowercased()):\(providerID.uuidString.lowercased())".utf8)
    }
}
