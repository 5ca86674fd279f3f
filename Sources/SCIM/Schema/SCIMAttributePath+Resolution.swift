/// Why a textual attribute reference did not resolve; each caller wraps it in the error type of its
/// context (`invalidFilter`, `invalidPath`, `invalidValue`).
struct AttributePathFailure: Error {
    let reason: String
}

extension SCIMAttributePath {
    /// Resolves a reference, throwing a reason a client can act on.
    ///
    /// A URN prefix is matched against the resource type's known schema URNs as a whole, so the dot in
    /// "2.0" is never taken for a sub-attribute separator (scimgateway #124 mangled exactly this). A bare name
    /// is looked up in the core schema, then the common attributes, then the extensions: Entra's documented
    /// manager operation uses the bare path "manager".
    /// `bareExtensionNames: false` limits unprefixed names to the core schema and common attributes, as
    /// RFC 7644 §3.10 defines them (resource bodies); paths and filters are more lenient.
    static func resolving(
        _ text: String, in resourceType: SCIMResourceType, bareExtensionNames: Bool = true
    ) throws -> SCIMAttributePath {
        let (schema, local) = try splitSchemaPrefix(text, in: resourceType)
        let parts = local.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw AttributePathFailure(reason: "'\(text)' is not a valid attribute path")
        }
        let (schemaURN, attribute) = try lookUp(
            parts[0], schema: schema, in: resourceType, original: text, bareExtensionNames: bareExtensionNames)
        guard parts.count == 2 else { return SCIMAttributePath(schemaURN: schemaURN, attribute: attribute) }
        guard attribute.type == .complex else {
            throw AttributePathFailure(reason: "'\(attribute.name)' has no sub-attributes (in '\(text)')")
        }
        guard let sub = attribute.subAttribute(named: parts[1]) else {
            throw AttributePathFailure(reason: "'\(attribute.name)' has no sub-attribute '\(parts[1])'")
        }
        return SCIMAttributePath(schemaURN: schemaURN, attribute: attribute, subAttribute: sub)
    }

    /// Splits a leading known schema URN and its ':' off `text`. Throws for an unknown "urn:" prefix.
    static func splitSchemaPrefix(
        _ text: String, in resourceType: SCIMResourceType
    ) throws -> (schema: SCIMSchema?, local: String) {
        guard text.lowercased().hasPrefix("urn:") else { return (nil, text) }
        if let schema = knownSchema(prefixing: text, in: resourceType) {
            return (schema, String(text.dropFirst(schema.id.count + 1)))
        }
        if knownSchema(named: text, in: resourceType) != nil {
            throw AttributePathFailure(reason: "'\(text)' names a schema, not an attribute")
        }
        throw AttributePathFailure(reason: "'\(text)' uses a schema URN this resource type does not support")
    }

    /// The schema whose URN followed by ':' starts `text`, ignoring case.
    static func knownSchema(prefixing text: String, in resourceType: SCIMResourceType) -> SCIMSchema? {
        let folded = text.lowercased()
        let schemas = [resourceType.coreSchema] + resourceType.extensionSchemas
        return schemas.first { folded.hasPrefix($0.id.lowercased() + ":") }
    }

    /// The schema whose URN equals `text`, ignoring case.
    static func knownSchema(named text: String, in resourceType: SCIMResourceType) -> SCIMSchema? {
        let folded = text.lowercased()
        let schemas = [resourceType.coreSchema] + resourceType.extensionSchemas
        return schemas.first { $0.id.lowercased() == folded }
    }

    private static func lookUp(
        _ name: String, schema: SCIMSchema?, in resourceType: SCIMResourceType, original: String,
        bareExtensionNames: Bool
    ) throws -> (String, SCIMAttribute) {
        let core = resourceType.coreSchema
        if let schema {
            if let attribute = schema.attribute(named: name) { return (schema.id, attribute) }
            if schema.id == core.id, let common = SCIMSchemas.commonAttribute(named: name) {
                return (core.id, common)
            }
            throw AttributePathFailure(reason: "'\(name)' is not an attribute of \(schema.id)")
        }
        if let attribute = core.attribute(named: name) { return (core.id, attribute) }
        if let common = SCIMSchemas.commonAttribute(named: name) { return (core.id, common) }
        for extensionSchema in resourceType.extensionSchemas where bareExtensionNames {
            if let attribute = extensionSchema.attribute(named: name) { return (extensionSchema.id, attribute) }
        }
        throw AttributePathFailure(reason: "'\(original)' is not a \(resourceType.rawValue) attribute")
    }
}
