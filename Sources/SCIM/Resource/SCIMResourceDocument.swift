/// The canonical stored attributes of one resource, edited in place by the normaliser and the PATCH engine.
///
/// Layout: core attributes and `externalId` at the top level under their canonical names, each extension's
/// attributes in an object under its URN, unknown extensions (declared in `schemas`) verbatim under their
/// own key. `schemas` is derived when rendering, never edited. Lookups ignore the letter case of keys, so
/// a document stored before canonicalisation still reads correctly.
struct SCIMResourceDocument {
    let resourceType: SCIMResourceType
    private(set) var members: [String: JSONValue]

    init(resourceType: SCIMResourceType, members: [String: JSONValue] = [:]) {
        self.resourceType = resourceType
        self.members = members.filter { $0.key.lowercased() != "schemas" }
    }

    /// The current value of the top-level attribute `path` names (its sub-attribute is ignored).
    func value(of path: SCIMAttributePath) -> JSONValue? {
        guard let container = container(for: path.schemaURN) else { return nil }
        return Self.lookUp(path.attribute, in: container)
    }

    /// Sets or (with nil) removes the top-level attribute `path` names. An extension left empty is removed.
    mutating func setValue(_ value: JSONValue?, of path: SCIMAttributePath) {
        if path.isCoreSchema {
            Self.store(value, for: path.attribute, in: &members)
            return
        }
        let key = extensionKey(for: path.schemaURN)
        var container = container(for: path.schemaURN) ?? [:]
        Self.store(value, for: path.attribute, in: &container)
        members.removeValue(forKey: key)
        if !container.isEmpty { members[path.schemaURN] = .object(container) }
    }

    /// The object of an extension, keyed by its URN in any case.
    func extensionObject(_ urn: String) -> [String: JSONValue]? {
        container(for: urn)
    }

    mutating func removeExtension(_ urn: String) {
        members.removeValue(forKey: extensionKey(for: urn))
    }

    /// A top-level member kept verbatim (an unknown extension), found ignoring case.
    func rawMember(named key: String) -> (key: String, value: JSONValue)? {
        JSONValue.object(members).member(named: key)
    }

    mutating func setRawMember(_ value: JSONValue?, named key: String) {
        let existing = rawMember(named: key)?.key ?? key
        members.removeValue(forKey: existing)
        if let value, !value.isNull { members[existing] = value }
    }

    /// Splits "urn:…:attr" or "urn:…:attr.sub" naming an attribute of an extension this service does not
    /// define (Entra's custom extensions, "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:x"):
    /// the URN is everything before the last ':'. Nil for known schemas and anything else.
    func unknownExtensionPath(_ text: String) -> (urn: String, attribute: String, subAttribute: String?)? {
        guard text.lowercased().hasPrefix("urn:"), let colon = text.lastIndex(of: ":") else { return nil }
        let urn = String(text[..<colon])
        let parts = text[text.index(after: colon)...].split(separator: ".", omittingEmptySubsequences: false)
        guard SCIMAttributePath.knownSchema(named: urn, in: resourceType) == nil,
            SCIMAttributePath.knownSchema(prefixing: text, in: resourceType) == nil,
            !Self.isReservedURN(urn), urn.split(separator: ":").count > 2,
            parts.count <= 2, parts.allSatisfy({ Self.isAttributeName($0) })
        else { return nil }
        return (urn, String(parts[0]), parts.count == 2 ? String(parts[1]) : nil)
    }

    /// URNs RFC 7643 and 7644 define (core schemas, API messages): one this service does not know there is a
    /// mistake, such as "urn:ietf:params:scim:schemas:core:2.0" cut from the User schema's URN, never an extension.
    /// Extensions of the IETF namespace (`…:schemas:extension:…`, Entra's custom ones) stay welcome.
    static func isReservedURN(_ urn: String) -> Bool {
        let folded = urn.lowercased()
        return folded.hasPrefix("urn:ietf:params:scim:schemas:core:") || folded.hasPrefix("urn:ietf:params:scim:api:")
    }

    /// Writes (or with nil removes) one attribute of an unknown extension, verbatim: names keep the client's
    /// spelling, matched ignoring case against what is stored.
    mutating func setUnknownExtensionAttribute(
        urn: String, attribute: String, subAttribute: String?, value: JSONValue?
    ) {
        let stored = rawMember(named: urn)
        var container = stored?.value.objectValue ?? [:]
        let attributeKey = JSONValue.object(container).member(named: attribute)?.key ?? attribute
        if let subAttribute {
            var object = container[attributeKey]?.objectValue ?? [:]
            let subKey = JSONValue.object(object).member(named: subAttribute)?.key ?? subAttribute
            object[subKey] = value.flatMap { $0.isNull ? nil : $0 }
            container[attributeKey] = object.isEmpty ? nil : .object(object)
        } else {
            container[attributeKey] = value.flatMap { $0.isNull ? nil : $0 }
        }
        setRawMember(container.isEmpty ? nil : .object(container), named: stored?.key ?? urn)
    }

    private static func isAttributeName(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "$" else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_$".unicodeScalars.contains($0)
        }
    }

    /// Checks the attributes RFC 7643 marks required are present: `userName` or `displayName`.
    func requiredAttributeMissing() -> String? {
        for attribute in resourceType.coreSchema.attributes where attribute.required {
            guard let value = Self.lookUp(attribute.name, in: members), SCIMFilter.isPresent(value) else {
                return attribute.name
            }
        }
        return nil
    }

    /// The canonical JSON with `schemas` rebuilt: the core URN, each known extension present, then every
    /// unknown extension kept verbatim.
    var rendered: JSONValue {
        var output = members
        var schemas: [JSONValue] = [.string(resourceType.coreSchema.id)]
        for schema in resourceType.extensionSchemas where output[schema.id] != nil {
            schemas.append(.string(schema.id))
        }
        let unknown = output.keys.filter { !isKnownKey($0) }.sorted()
        schemas.append(contentsOf: unknown.map { .string($0) })
        output["schemas"] = .array(schemas)
        return .object(output)
    }

    /// Whether `key` is a schema attribute, a common attribute or a known extension URN.
    func isKnownKey(_ key: String) -> Bool {
        resourceType.coreSchema.attribute(named: key) != nil || SCIMSchemas.commonAttribute(named: key) != nil
            || resourceType.extensionSchema(withURN: key) != nil || key.lowercased() == "schemas"
    }

    private func container(for schemaURN: String) -> [String: JSONValue]? {
        if schemaURN == resourceType.coreSchema.id { return members }
        return JSONValue.object(members).member(named: schemaURN)?.value.objectValue
    }

    private func extensionKey(for urn: String) -> String {
        rawMember(named: urn)?.key ?? urn
    }

    private static func lookUp(_ name: String, in container: [String: JSONValue]) -> JSONValue? {
        JSONValue.object(container).member(named: name)?.value
    }

    /// Writes under the canonical name, first dropping any key that differs from it only in case.
    private static func store(_ value: JSONValue?, for name: String, in container: inout [String: JSONValue]) {
        let folded = name.lowercased()
        for key in container.keys where key.lowercased() == folded { container.removeValue(forKey: key) }
        if let value, !value.isNull { container[name] = value }
    }
}
