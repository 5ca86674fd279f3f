import Foundation

/// Who is calling the SCIM API: the tenant and provider a valid provisioning token belongs to.
public struct ProvisioningPrincipal: Sendable, Equatable {
    public let tenantID: UUID
    public let providerID: UUID
    public let tokenID: UUID

    public init(tenantID: UUID, providerID: UUID, tokenID: UUID) {
        self.tenantID = tenantID
        self.providerID = providerID
        self.tokenID = tokenID
    }
}
