import Foundation

/// What one membership change did: how many member rows it added and removed, and whose membership changed (their
/// teams and roles are recomputed).
public struct MembershipOutcome: Sendable, Equatable {
    public var added: Int
    public var removed: Int
    public var changedMembers: Set<UUID>

    public init(added: Int = 0, removed: Int = 0, changedMembers: Set<UUID> = []) {
        self.added = added
        self.removed = removed
        self.changedMembers = changedMembers
    }
}
