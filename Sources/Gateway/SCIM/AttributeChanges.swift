import SCIM

/// Names of the top-level attributes that differ between two versions of a resource, for provisioning events.
enum AttributeChanges {
    static func between(_ old: JSONValue, _ new: JSONValue) -> [String] {
        let before = old.objectValue ?? [:]
        let after = new.objectValue ?? [:]
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }
}
