extension MembershipKind {
    /// How messages name one of this kind.
    var noun: String { self == .team ? "team" : "business unit" }
}
