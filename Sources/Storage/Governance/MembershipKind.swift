/// Teams and business units share one shape: a named collection with members and provenance.
public enum MembershipKind: String, Sendable, CaseIterable {
    case team
    case businessUnit = "business_unit"

    /// Fixed table and column names; the only SQL identifiers this type ever contributes.
    var table: String { self == .team ? "teams" : "business_units" }
    var memberTable: String { self == .team ? "team_members" : "business_unit_members" }
    var memberColumn: String { self == .team ? "team_id" : "business_unit_id" }
}
