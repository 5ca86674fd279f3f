/// Turns SCIM bodies into a form safe to keep in the provisioning log: the structure stays (keys, PATCH ops and
/// paths, schema URNs, `type` words, booleans, `status`, `scimType`, paging counts and this service's resource ids),
/// every other value becomes a type marker such as `"<string:12>"`, and secrets become `"<redacted>"` without a
/// length. Filter and path text keeps attributes and operators and loses its values.
///
/// Large bodies are cut, not stored whole: arrays keep their first `maxArrayElements` elements and a
/// `"<+N more>"` marker, nesting stops at `maxDepth`, and after `maxNodes` values the rest becomes `"<truncated>"`.
public struct SCIMRedactor: Sendable {
    public var maxArrayElements: Int
    public var maxDepth: Int
    public var maxNodes: Int

    public init(maxArrayElements: Int = 20, maxDepth: Int = 12, maxNodes: Int = 2_000) {
        self.maxArrayElements = maxArrayElements
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    public static let redactedSecret = "<redacted>"

    /// A JSON body, request or response.
    public func redact(body: JSONValue) -> JSONValue {
        var budget = maxNodes
        return redact(body, key: nil, container: nil, depth: 0, budget: &budget)
    }

    /// Where a value sits: its member name and the attribute it belongs to.
    private func redact(_ value: JSONValue, key: String?, container: String?, depth: Int, budget: inout Int)
        -> JSONValue
    {
        guard budget > 0 else { return .string("<truncated>") }
        budget -= 1
        if let key, SCIMWireVocabulary.isSecretKey(key) { return .string(Self.redactedSecret) }
        // `{"op":"replace","path":"password","value":"…"}`: the value of a secret attribute is a secret too.
        if let container, SCIMWireVocabulary.isSecretKey(container) { return .string(Self.redactedSecret) }
        switch value {
        case .null, .bool:
            return value
        case .integer, .double:
            if let key, SCIMWireVocabulary.countingKeys.contains(key.lowercased()) { return value }
            if case .integer = value { return .string("<integer>") }
            return .string("<number>")
        case .string(let text):
            return .string(redact(string: text, key: key, container: container))
        case .array(let elements):
            guard depth < maxDepth else { return .string("<nested>") }
            var kept = elements.prefix(maxArrayElements).map {
                redact($0, key: key, container: container, depth: depth + 1, budget: &budget)
            }
            if elements.count > maxArrayElements {
                kept.append(.string("<+\(elements.count - maxArrayElements) more>"))
            }
            return .array(kept)
        case .object(let members):
            guard depth < maxDepth else { return .string("<nested>") }
            return .object(redact(object: members, key: key, container: container, depth: depth, budget: &budget))
        }
    }

    private func redact(
        object members: [String: JSONValue], key: String?, container: String?, depth: Int, budget: inout Int
    ) -> [String: JSONValue] {
        // A PATCH operation (RFC 7644 §3.5.2): its value belongs to the attribute its path names.
        let operationPath =
            members.first { $0.key.lowercased() == "op" } != nil
            ? members.first { $0.key.lowercased() == "path" }?.value.stringValue : nil
        let isBulkOperation = members.keys.contains { $0.lowercased() == "method" } && key?.lowercased() == "operations"
        var result: [String: JSONValue] = [:]
        for memberKey in members.keys.sorted() {
            let member = members[memberKey]!
            let folded = memberKey.lowercased()
            let childContainer: String?
            if folded == "value", let operationPath {
                childContainer = SCIMWireVocabulary.headAttribute(ofPath: operationPath)
            } else if folded == "value" || folded == "display" || folded == "type" || folded == "primary"
                || folded == "$ref"
            {
                childContainer = container
            } else if SCIMWireVocabulary.knownSchemaURNs.contains(folded) || folded == "operations"
                || folded == "resources"
            {
                childContainer = nil
            } else {
                childContainer = SCIMWireVocabulary.headAttribute(ofPath: memberKey)
            }
            let redacted: JSONValue
            if isBulkOperation, folded == "path", let path = member.stringValue {
                redacted = .string(Self.redact(urlPath: path))
            } else {
                redacted = redact(member, key: memberKey, container: childContainer, depth: depth + 1, budget: &budget)
            }
            var redactedKey = Self.redact(key: memberKey)
            if result[redactedKey] != nil {
                // Two data keys of one length: number them rather than lose one.
                redactedKey = (2...).lazy.map { "\(redactedKey)#\($0)" }.first { result[$0] == nil }!
            }
            result[redactedKey] = redacted
        }
        return result
    }

    private func redact(string text: String, key: String?, container: String?) -> String {
        let folded = key?.lowercased() ?? ""
        let value = text.lowercased()
        let kept: Bool
        switch folded {
        case "schemas":
            kept = SCIMWireVocabulary.isSchemaURI(text)
        case "op":
            kept = SCIMWireVocabulary.patchOps.contains(value)
        case "path":
            return Self.redact(filter: text)
        case "type":
            kept = SCIMWireVocabulary.typeValues.contains(value)
        case "resourcetype":
            kept = ["user", "group", "serviceproviderconfig", "resourcetype", "schema"].contains(value)
        case "scimtype":
            kept = SCIMWireVocabulary.errorTypes.contains(value)
        case "status":
            kept = text.count == 3 && text.allSatisfy { $0.isASCII && $0.isNumber }
        case "method":
            kept = ["get", "post", "put", "patch", "delete"].contains(value)
        case "id":
            kept = SCIMWireVocabulary.isResourceID(text)
        case "value":
            kept =
                (SCIMWireVocabulary.referenceNames.contains(container ?? "") && SCIMWireVocabulary.isResourceID(text))
                || (SCIMWireVocabulary.booleanNames.contains(container ?? "") && Self.isBooleanWord(value))
        default:
            let leaf = SCIMWireVocabulary.leafAttribute(ofPath: folded)
            kept =
                (SCIMWireVocabulary.booleanNames.contains(leaf) && Self.isBooleanWord(value))
                || (SCIMWireVocabulary.referenceNames.contains(leaf) && SCIMWireVocabulary.isResourceID(text))
        }
        return kept ? text : Self.marker(for: text)
    }

    /// `"<string:N>"`: the type and length of a value, nothing of its content.
    public static func marker(for text: String) -> String {
        "<string:\(text.count)>"
    }

    static func isBooleanWord(_ folded: String) -> Bool {
        folded == "true" || folded == "false"
    }

    /// A member name: attribute paths and URNs stay (filter values inside them redacted); anything else, such as a
    /// key that is itself data, becomes `"<key:N>"`.
    static func redact(key: String) -> String {
        if SCIMWireVocabulary.isAttributePath(key) { return key }
        if key.contains("["), let head = key.split(separator: "[").first,
            SCIMWireVocabulary.isAttributePath(head)
        {
            return redact(filter: key)
        }
        return "<key:\(key.count)>"
    }
}
