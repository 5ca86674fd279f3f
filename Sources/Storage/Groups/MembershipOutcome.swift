/// How many member rows one membership change touched.
public struct MembershipOutcome: Sendable, Equatable {
    public var added: Int
    public var removed: Int

    public init(added: Int = 0, removed: Int = 0) {
        self.added = added
        self.removed = removed
    }
}
