import Foundation
import Identity

/// One way a person holds a team or business unit: who granted it, through which provider, and when.
public struct AdminGrant: Sendable, Equatable {
    public let source: MembershipSource
    /// The provider whose SCIM or sign-in granted it; nil for manual grants.
    public let providerID: UUID?
    public let grantedAt: Date
}
