/// Turns a POST or PUT body into the canonical attributes storage keeps, so a GET returns what the IdP
/// wrote in a predictable shape.
///
/// - Attribute names are matched ignoring case and written canonically (Entra's Postman collection sends
///   "UserName", "Active"; RFC 7643 §2.1).
/// - Read-only attributes (`id`, `meta`, `groups`) and the write-only `password` are dropped
///   (RFC 7644 §3.5.1; Okta and Entra send them).
/// - Values are coerced as `SCIMValueCoercion` describes ("True" → true, "" → unset, single → array,
///   bare manager id → object), and multi-valued attributes keep one primary and no duplicates.
/// - Extension attributes are nested under their URN; dotted and URN-qualified keys are accepted too.
/// - Unknown core attributes are dropped. An unknown extension object is kept verbatim when its key is a
///   URN or is listed in `schemas`, and so is a "urn:…:attr" key of one: Entra sends custom extensions
///   without listing them in `schemas`, and re-sends whatever a read does not return. Unknown or legacy
///   URNs in `schemas` (Microsoft's ADSCIM group URN, OneLogin's `urn:scim:schemas:core:1.0`) are
///   tolerated. `schemas` is rebuilt from what is present.
public enum SCIMResourceNormalizer {
    /// A missing or empty `userName` is 400 `invalidValue`; type errors are `invalidValue` naming the
    /// attribute.
    public static func normalizeUser(_ body: JSONValue) throws -> JSONValue {
        try normalize(body, as: .user).attributes
    }

    /// The same for groups. Members are split out (storage keeps them as rows); a missing `displayName`
    /// is 400 `invalidValue`.
    public static func normalizeGroup(_ body: JSONValue) throws -> (attributes: JSONValue, members: [SCIMMember]) {
        let result = try normalize(body, as: .group)
        return (result.attributes, try SCIMMember.list(from: result.members ?? .null))
    }

    private static func normalize(_ body: JSONValue, as resourceType: SCIMResourceType) throws
        -> (attributes: JSONValue, members: JSONValue?)
    {
        guard case .object(var fields) = body else {
            throw SCIMError.invalidSyntax("The request body must be a JSON object")
        }
        var members: JSONValue?
        if resourceType == .group {
            (fields, members) = SCIMMember.splitMembers(from: fields)
        }
        let declared = Set(declaredSchemas(in: body).map { $0.lowercased() })
        var applier = SCIMPatchApplier(document: SCIMResourceDocument(resourceType: resourceType))
        // Keys are ordered so an unknown extension object comes before its "urn:…:attr" keys.
        for key in SCIMPatchApplier.orderedKeys(fields) {
            let value = fields[key]!
            if key.lowercased() == "schemas" { continue }
            if let schema = SCIMAttributePath.knownSchema(named: key, in: resourceType) {
                guard value.objectValue != nil || value.isNull else {
                    throw SCIMError.invalidValue("'\(key)' must be an object of \(schema.name) attributes")
                }
                if schema.id == resourceType.coreSchema.id {
                    if !value.isNull { try applier.applyWithoutPath(.replace, value: value) }
                } else {
                    try applier.write(.replace, target: .extensionObject(schema), value: value, pathless: true)
                }
            } else if let path = try? SCIMAttributePath.resolving(key, in: resourceType, bareExtensionNames: false) {
                // Read-only and write-only attributes are ignored here (RFC 7644 §3.5.1): the applier skips
                // them when the document holds no current value, as a new document never does.
                let sub = path.subAttribute != nil ? path.definition : nil
                try applier.write(
                    .replace, target: .attribute(path.parent, filter: nil, subAttribute: sub), value: value,
                    pathless: true)
            } else if value.objectValue != nil, !SCIMResourceDocument.isReservedURN(key),
                declared.contains(key.lowercased()) || key.lowercased().hasPrefix("urn:")
            {
                applier.document.setRawMember(value, named: key)
            } else if let target = applier.document.unknownExtensionPath(key) {
                applier.document.setUnknownExtensionAttribute(
                    urn: target.urn, attribute: target.attribute, subAttribute: target.subAttribute, value: value)
            }
        }
        let document = try applier.normalizedDocument()
        if let missing = document.requiredAttributeMissing() {
            throw SCIMError.invalidValue("'\(missing)' is required")
        }
        try rejectRepeatedTypes(in: document, resourceType)
        return (document.rendered, members)
    }

    /// Two different values of one type (two "work" emails) are refused rather than one silently dropped: the IdP
    /// that sent them learns which attribute to fix (Entra's docs require types to be unique; its Postman
    /// collection sends this case as garbage). Checked on whole-resource writes only.
    private static func rejectRepeatedTypes(in document: SCIMResourceDocument, _ resourceType: SCIMResourceType) throws
    {
        for schema in [resourceType.coreSchema] + resourceType.extensionSchemas {
            for attribute in schema.attributes
            where attribute.multiValued && attribute.subAttribute(named: "type") != nil {
                let path = SCIMAttributePath(schemaURN: schema.id, attribute: attribute)
                let types = (document.value(of: path)?.arrayValue ?? []).compactMap {
                    $0["type"]?.stringValue?.lowercased()
                }
                if let repeated = Dictionary(grouping: types, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                    throw SCIMError.invalidValue(
                        "'\(attribute.name)' has more than one value of type '\(repeated)'; each type may appear once")
                }
            }
        }
    }

    /// The URNs the body lists in `schemas` (a single string is accepted as a one-element list).
    static func declaredSchemas(in body: JSONValue) -> [String] {
        guard let schemas = body.member(named: "schemas")?.value else { return [] }
        return (schemas.arrayValue ?? [schemas]).compactMap(\.stringValue)
    }
}
