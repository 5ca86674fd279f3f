/// An attribute reference resolved against a resource type's schemas: canonical names and the definition
/// of the leaf, so storage can map it to a column or JSON path from an allowlist and compare by type.
///
/// Common attributes (`id`, `externalId`, `meta.*`) resolve with the core schema URN and
/// `isCommonAttribute == true`.
public struct SCIMAttributePath: Sendable, Hashable, CustomStringConvertible {
    /// The canonical URN of the schema owning the attribute.
    public let schemaURN: String
    /// The canonical top-level attribute name, such as "userName", "emails" or "meta".
    public let attribute: String
    /// The canonical sub-attribute name, such as "value", "familyName" or "lastModified".
    public let subAttribute: String?
    /// The definition of the leaf: the sub-attribute when there is one, else the attribute.
    public let definition: SCIMAttribute
    /// The definition of the top-level attribute.
    public let attributeDefinition: SCIMAttribute

    public init(schemaURN: String, attribute: SCIMAttribute, subAttribute: SCIMAttribute? = nil) {
        self.schemaURN = schemaURN
        self.attribute = attribute.name
        self.subAttribute = subAttribute?.name
        self.definition = subAttribute ?? attribute
        self.attributeDefinition = attribute
    }

    /// Whether the attribute lives at the top level of the resource rather than under an extension URN.
    public var isCoreSchema: Bool {
        schemaURN == SCIMSchemas.userURN || schemaURN == SCIMSchemas.groupURN
    }

    /// Whether this is `id`, `externalId` or `meta` (RFC 7643 §3.1).
    public var isCommonAttribute: Bool {
        isCoreSchema && SCIMSchemas.commonAttributes.contains(attributeDefinition)
    }

    /// The same path one level up: the top-level attribute without its sub-attribute.
    public var parent: SCIMAttributePath {
        SCIMAttributePath(schemaURN: schemaURN, attribute: attributeDefinition)
    }

    /// The path with this attribute's sub-attribute `name` (canonicalised), when it exists.
    public func appending(subAttribute name: String) -> SCIMAttributePath? {
        guard subAttribute == nil, let sub = attributeDefinition.subAttribute(named: name) else { return nil }
        return SCIMAttributePath(schemaURN: schemaURN, attribute: attributeDefinition, subAttribute: sub)
    }

    /// Canonical notation: "emails.value" for core attributes, URN-qualified for extension attributes.
    public var description: String {
        let local = subAttribute.map { "\(attribute).\($0)" } ?? attribute
        return isCoreSchema ? local : "\(schemaURN):\(local)"
    }

    /// Resolves "attr", "attr.sub", or either prefixed by a schema URN ("urn:…:enterprise:2.0:User:manager.value").
    /// Names compare case-insensitively; returns nil for anything the resource type does not define.
    public static func resolve(_ text: String, resourceType: SCIMResourceType) -> SCIMAttributePath? {
        try? resolving(text, in: resourceType)
    }
}
