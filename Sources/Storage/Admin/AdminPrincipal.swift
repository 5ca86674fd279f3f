import Foundation

/// Who is calling the admin API: an active admin API key, bound to one tenant or to the whole deployment.
public struct AdminPrincipal: Sendable, Equatable {
    public let keyID: UUID
    /// The one tenant the key reaches; nil for a deployment-wide key, which reaches every tenant.
    public let tenantID: UUID?

    public init(keyID: UUID, tenantID: UUID?) {
        self.keyID = keyID
        self.tenantID = tenantID
    }

    public var isDeploymentWide: Bool { tenantID == nil }

    /// Whether the key may act on `tenant`.
    public func reaches(_ tenant: UUID) -> Bool {
        tenantID.map { $0 == tenant } ?? true
    }
}
