/// The schemas this service provider implements, with RFC 7643 attribute characteristics.
///
/// Deviations from RFC 7643 §8.7.1, each deliberate: `addresses` carries `primary` (§4.1.2 text names it,
/// the §8.7.1 listing omits it, and Entra sends it); Group `displayName` is required (§4.2 text says
/// REQUIRED, the listing says false); `members` and `groups` ids compare case-exactly because resource ids
/// are case-sensitive; `members` has the §2.4 default `display` sub-attribute that Okta sends.
public enum SCIMSchemas {
    public static let userURN = "urn:ietf:params:scim:schemas:core:2.0:User"
    public static let enterpriseUserURN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    public static let groupURN = "urn:ietf:params:scim:schemas:core:2.0:Group"

    public static let listResponseURN = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    public static let patchOpURN = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    public static let searchRequestURN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
    public static let errorURN = "urn:ietf:params:scim:api:messages:2.0:Error"
    public static let bulkRequestURN = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
    public static let bulkResponseURN = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"
    public static let serviceProviderConfigURN = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
    public static let resourceTypeURN = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
    public static let schemaURN = "urn:ietf:params:scim:schemas:core:2.0:Schema"

    /// Every resource schema, core and extension, in discovery order.
    public static let all: [SCIMSchema] = [user, enterpriseUser, group]

    /// The schema with this URN, compared ignoring case.
    public static func schema(withURN urn: String) -> SCIMSchema? {
        let folded = urn.lowercased()
        return all.first { $0.id.lowercased() == folded }
    }

    /// The `value`/`display`/`type`/`primary` sub-attributes shared by most multi-valued attributes
    /// (RFC 7643 §2.4), with the attribute-specific canonical types.
    static func plural(
        _ noun: String, types: [String], valueType: SCIMAttribute.DataType = .string,
        valueReferenceTypes: [String] = []
    ) -> [SCIMAttribute] {
        [
            SCIMAttribute(
                name: "value", type: valueType, referenceTypes: valueReferenceTypes,
                description: "The \(noun) itself."),
            SCIMAttribute(name: "display", description: "A human-readable name for the \(noun), for display only."),
            SCIMAttribute(
                name: "type", canonicalValues: types,
                description: "A label for the function of the \(noun)."),
            SCIMAttribute(
                name: "primary", type: .boolean,
                description: "Whether this is the preferred \(noun); at most one value may be primary."),
        ]
    }
}
