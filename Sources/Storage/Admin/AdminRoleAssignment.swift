import Foundation
import Identity

/// A person's one role and how it was given.
public struct AdminRoleAssignment: Sendable, Equatable {
    public let id: UUID
    public let name: String
    /// nil only for rows written before provenance was recorded.
    public let source: MembershipSource?
}
