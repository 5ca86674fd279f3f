/// What a mapping rule's target names: the person's role, a team, or a business unit.
public enum MappingKind: String, Sendable, CaseIterable {
    case role
    case team
    case businessUnit = "business_unit"
}
