import Foundation

/// One member of a group, with the display name of the user or group it points to.
public struct StoredMember: Sendable, Equatable {
    public let id: UUID
    public let type: String
    public let display: String?
}
