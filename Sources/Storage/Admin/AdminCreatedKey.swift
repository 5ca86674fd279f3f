import Foundation

/// A new admin API key's id and its text, which is shown once and never stored.
public struct AdminCreatedKey: Sendable {
    public let id: UUID
    public let secret: AdminAPIKeySecret
}
