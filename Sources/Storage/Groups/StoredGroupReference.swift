import Foundation

/// A group as it appears in a user's read-only `groups` attribute.
public struct StoredGroupReference: Sendable, Equatable {
    public let id: UUID
    public let displayName: String
}
