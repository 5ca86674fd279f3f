/// The enterprise User extension, RFC 7643 §4.3 and §8.7.1.
extension SCIMSchemas {
    public static let enterpriseUser = SCIMSchema(
        id: enterpriseUserURN, name: "EnterpriseUser", description: "Enterprise User",
        attributes: [
            SCIMAttribute(name: "employeeNumber", description: "The organisation's identifier for the user."),
            SCIMAttribute(name: "costCenter", description: "The name of a cost center."),
            SCIMAttribute(name: "organization", description: "The name of an organisation."),
            SCIMAttribute(name: "division", description: "The name of a division."),
            SCIMAttribute(name: "department", description: "The name of a department."),
            SCIMAttribute(
                name: "manager", type: .complex,
                subAttributes: [
                    SCIMAttribute(name: "value", description: "The id of the manager's User resource."),
                    SCIMAttribute(
                        name: "$ref", type: .reference, referenceTypes: ["User"],
                        description: "The URI of the manager's User resource."),
                    SCIMAttribute(
                        name: "displayName", mutability: .readOnly,
                        description: "The manager's display name."),
                ],
                description: "The user's manager."),
        ])
}
