import Foundation

/// A resolved PATCH path (RFC 7644 §3.5.2: `attrPath / valuePath [subAttr]`), or a whole extension object
/// ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" as a path).
enum SCIMPatchTarget {
    /// `attribute` is the top-level attribute; `filter` selects values of a multi-valued attribute;
    /// `subAttribute` is the leaf under it.
    case attribute(SCIMAttributePath, filter: SCIMFilter?, subAttribute: SCIMAttribute?)
    case extensionObject(SCIMSchema)

    /// Longest path accepted, in bytes. Room for a member filter of about 150 ids (JumpCloud or-s them), but bounded:
    /// every `or` deepens the parsed filter by one level, and a path of 20,000 of them overflowed a worker's stack
    /// and took the process down (issue 8, found by the hostile-input tests).
    static let maxLength = 8192

    /// Resolves a path; anything malformed, unknown or longer than `maxLength` is 400 `invalidPath` with the reason.
    static func parse(_ text: String, resourceType: SCIMResourceType) throws -> SCIMPatchTarget {
        guard text.utf8.count <= maxLength else {
            throw SCIMError.invalidPath("A path is at most \(maxLength) bytes; send long member lists as a value array")
        }
        if let schema = SCIMAttributePath.knownSchema(named: text, in: resourceType),
            schema.id != resourceType.coreSchema.id
        {
            return .extensionObject(schema)
        }
        var parser = SCIMFilterParser(text: text, resourceType: resourceType, maxDepth: 8)
        do {
            let parsed = try parser.parsePatchPath()
            let path = parsed.path
            let sub =
                path.subAttribute != nil
                ? path.definition
                : parsed.subAttribute.flatMap {
                    path.attributeDefinition.subAttribute(named: $0)
                }
            return .attribute(path.parent, filter: parsed.filter, subAttribute: sub)
        } catch let error as SCIMError {
            throw SCIMError.invalidPath("Invalid path \"\(text)\": \(Self.reason(from: error.detail))")
        }
    }

    /// The filter parser's detail without its "Invalid filter at offset n:" prefix.
    private static func reason(from detail: String) -> String {
        guard detail.hasPrefix("Invalid filter"), let colon = detail.firstIndex(of: ":") else { return detail }
        return detail[detail.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}
