import Foundation

/// An identity provider connected to a tenant: OIDC sign-in and, once enabled, SCIM push.
public struct OIDCProvider: Sendable, Equatable {
    public let id: UUID
    public let tenantID: UUID
    public var name: String
    public var issuer: String?
    public var clientID: String?
    public var provisioningMode: ProvisioningMode
    public var scimEnabled: Bool

    public init(
        id: UUID, tenantID: UUID, name: String, issuer: String? = nil, clientID: String? = nil,
        provisioningMode: ProvisioningMode = .both, scimEnabled: Bool = false
    ) {
        self.id = id
        self.tenantID = tenantID
        self.name = name
        self.issuer = issuer
        self.clientID = clientID
        self.provisioningMode = provisioningMode
        self.scimEnabled = scimEnabled
    }
}
