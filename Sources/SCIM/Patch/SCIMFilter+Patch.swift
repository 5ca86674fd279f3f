/// What the PATCH engine needs to know about a value filter beyond matching.
extension SCIMFilter {
    /// The sub-attribute values a plain equality filter pins down (`type eq "work" and primary eq true`),
    /// used to create the element an `add`/`replace` targets when none exists yet (Entra sends
    /// `emails[type eq "work"].value` for users without a work email). Nil for any other filter shape.
    func equalityTemplate() -> [String: JSONValue]? {
        switch self {
        case .compare(let path, .eq, let value) where path.subAttribute != nil && !value.isNull:
            return [path.subAttribute!: value]
        case .and(let left, let right):
            guard let leftTerms = left.equalityTemplate(), let rightTerms = right.equalityTemplate() else {
                return nil
            }
            var merged = leftTerms
            for (key, value) in rightTerms {
                if let existing = merged[key], existing != value { return nil }
                merged[key] = value
            }
            return merged
        default:
            return nil
        }
    }

    /// The member ids of `value eq "a" or value eq "b"`, so a member removal never needs the member list.
    /// Nil for any other filter shape.
    func memberIDs() -> [String]? {
        switch self {
        case .compare(let path, .eq, .string(let id)) where path.subAttribute == "value":
            return [id]
        case .or(let left, let right):
            guard let leftIDs = left.memberIDs(), let rightIDs = right.memberIDs() else { return nil }
            return leftIDs + rightIDs
        default:
            return nil
        }
    }
}
