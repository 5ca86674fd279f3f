/// A parsed SCIM filter (RFC 7644 §3.4.2.2) whose attribute references are resolved and whose literals
/// are already converted to the attribute's type, so storage can translate it through an allowlist.
///
/// Inside `valuePath`, inner paths are sub-attributes of the outer multi-valued attribute: in
/// `emails[type eq "work"]` the inner comparison's path is `emails.type`.
public indirect enum SCIMFilter: Sendable, Hashable {
    case compare(SCIMAttributePath, SCIMComparison, JSONValue)
    case present(SCIMAttributePath)
    case and(SCIMFilter, SCIMFilter)
    case or(SCIMFilter, SCIMFilter)
    case not(SCIMFilter)
    case valuePath(SCIMAttributePath, SCIMFilter)

    /// Parses filter text for a resource type. Attribute names and operators are case-insensitive
    /// (PingOne sends `username Eq "x"`), bare tokens are strings (Entra sends `externalId eq jyoung`).
    /// Throws `SCIMError.invalidFilter` for anything malformed, unknown, longer than `maxLength` bytes, or
    /// nested deeper than `maxDepth` parentheses, `not` and value filters.
    public static func parse(
        _ text: String, resourceType: SCIMResourceType, maxLength: Int = 2048, maxDepth: Int = 32
    ) throws -> SCIMFilter {
        guard text.utf8.count <= maxLength else {
            throw SCIMError.invalidFilter("The filter is longer than the limit of \(maxLength) bytes")
        }
        var parser = SCIMFilterParser(text: text, resourceType: resourceType, maxDepth: maxDepth)
        return try parser.parseFilter()
    }
}
