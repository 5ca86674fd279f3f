import Foundation

/// A signed-in session row. The cookie itself is never stored, only its hash.
public struct StoredSession: Sendable, Equatable {
    public let id: UUID
    public let tenantID: UUID
    public let userID: UUID
    public let providerID: UUID
    public let refreshTokenEncrypted: [UInt8]?
    public let refreshDueAt: Date
    public let expiresAt: Date
}
