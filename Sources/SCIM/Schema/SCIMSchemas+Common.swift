/// Attributes every resource carries outside any schema (RFC 7643 §3.1): `id`, `externalId`, `meta`.
extension SCIMSchemas {
    public static let commonAttributes: [SCIMAttribute] = [
        SCIMAttribute(
            name: "id", caseExact: true, mutability: .readOnly, returned: .always, uniqueness: .server,
            description: "The service provider's stable identifier for the resource."),
        SCIMAttribute(
            name: "externalId", caseExact: true,
            description: "The identifier the provisioning client assigned to the resource."),
        SCIMAttribute(
            name: "meta", type: .complex, mutability: .readOnly,
            subAttributes: [
                SCIMAttribute(
                    name: "resourceType", caseExact: true, mutability: .readOnly,
                    description: "The name of the resource type."),
                SCIMAttribute(
                    name: "created", type: .dateTime, mutability: .readOnly,
                    description: "When the resource was added to the service provider."),
                SCIMAttribute(
                    name: "lastModified", type: .dateTime, mutability: .readOnly,
                    description: "When the resource was last changed."),
                SCIMAttribute(
                    name: "location", type: .reference, mutability: .readOnly, referenceTypes: ["uri"],
                    description: "The URI of the resource."),
                SCIMAttribute(
                    name: "version", caseExact: true, mutability: .readOnly,
                    description: "The entity tag of the resource's current version."),
            ],
            description: "Resource metadata maintained by the service provider."),
    ]

    /// The common attribute whose name equals `name` ignoring case.
    public static func commonAttribute(named name: String) -> SCIMAttribute? {
        let folded = name.lowercased()
        return commonAttributes.first { $0.name.lowercased() == folded }
    }
}
