/// The core Group schema, RFC 7643 §4.2 and §8.7.1.
extension SCIMSchemas {
    public static let group = SCIMSchema(
        id: groupURN, name: "Group", description: "Group",
        attributes: [
            SCIMAttribute(name: "displayName", required: true, description: "A human-readable name for the group."),
            SCIMAttribute(
                name: "members", type: .complex, multiValued: true,
                subAttributes: [
                    SCIMAttribute(
                        name: "value", caseExact: true, mutability: .immutable,
                        description: "The id of the member resource."),
                    SCIMAttribute(
                        name: "$ref", type: .reference, mutability: .immutable, referenceTypes: ["User", "Group"],
                        description: "The URI of the member resource."),
                    SCIMAttribute(
                        name: "display", mutability: .immutable,
                        description: "The member's display name."),
                    SCIMAttribute(
                        name: "type", mutability: .immutable, canonicalValues: ["User", "Group"],
                        description: "The member's resource type."),
                ],
                description: "The members of the group."),
        ])
}
