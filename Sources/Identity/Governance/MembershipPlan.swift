/// The membership changes one sync makes for one source: names to grant and names to revoke.
public struct MembershipPlan: Sendable, Equatable {
    public var grant: [String]
    public var revoke: [String]

    public init(grant: [String] = [], revoke: [String] = []) {
        self.grant = grant
        self.revoke = revoke
    }

    public var isEmpty: Bool { grant.isEmpty && revoke.isEmpty }
}
