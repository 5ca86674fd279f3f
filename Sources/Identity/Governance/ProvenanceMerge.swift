/// Decides how a sync changes the memberships of one source, so no source takes away what another granted.
///
/// Memberships are kept per (person, team or unit, source): the same team may be held manually and by SCIM at
/// once, and revoking SCIM's membership leaves the administrator's. Names compare ignoring case, trimmed; a
/// name held in another spelling is neither granted again nor revoked (no rename).
public enum ProvenanceMerge {
    /// Given the names currently held with `source` and the names the rules now produce for that source, what to
    /// grant and revoke. SCIM revokes only what SCIM granted; claims only add (never revoke); manual is untouched.
    ///
    /// - `scim`: grant what is desired and not held, revoke what is held and no longer desired.
    /// - `oidcClaim`: grant what is desired and not held, revoke nothing (a claim missing from a token keeps
    ///   the last known memberships).
    /// - `manual`: an empty plan; administrators grant and revoke directly, never through a sync.
    ///
    /// `grant` keeps the order and first spelling of `desired`; `revoke` those of `current`.
    public static func plan(current: [String], desired: [String], source: MembershipSource) -> MembershipPlan {
        guard source != .manual else { return MembershipPlan() }
        let held = Set(current.compactMap(GovernanceNames.normalized).map(GovernanceNames.folded))
        let wanted = Set(desired.compactMap(GovernanceNames.normalized).map(GovernanceNames.folded))
        let grant = GovernanceNames.unique(desired).filter { !held.contains(GovernanceNames.folded($0)) }
        guard source == .scim else { return MembershipPlan(grant: grant) }
        let revoke = uniqueKeepingSpelling(current).filter { !wanted.contains(GovernanceNames.folded($0)) }
        return MembershipPlan(grant: grant, revoke: revoke)
    }

    /// Held names must be revoked exactly as stored, so they are de-duplicated but not trimmed.
    private static func uniqueKeepingSpelling(_ names: [String]) -> [String] {
        var seen: Set<[String]> = []
        return names.filter { name in
            guard let normalized = GovernanceNames.normalized(name) else { return false }
            return seen.insert(GovernanceNames.folded(normalized)).inserted
        }
    }
}
