import Foundation

/// A team or business unit a person holds, with every grant that holds it (one per source).
public struct AdminMembership: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public var grants: [AdminGrant]
}
