/// The discovery documents (RFC 7644 §4; RFC 7643 §5-7). `baseURL` is the SCIM root without a trailing
/// slash, such as "https://gateway.example.com/scim/v2"; `meta.location` values are built from it.
/// Absent values are omitted rather than sent as null (Entra's schema discovery asks for that).
public enum SCIMDiscovery {
    public static func serviceProviderConfig(_ options: SCIMServiceProviderOptions, baseURL: String) -> JSONValue {
        var document: [String: JSONValue] = [
            "schemas": [.string(SCIMSchemas.serviceProviderConfigURN)],
            "patch": ["supported": .bool(options.patch)],
            "bulk": [
                "supported": .bool(options.bulk.supported),
                "maxOperations": .integer(Int64(options.bulk.maxOperations)),
                "maxPayloadSize": .integer(Int64(options.bulk.maxPayloadSize)),
            ],
            "filter": [
                "supported": .bool(options.filter.supported),
                "maxResults": .integer(Int64(options.filter.maxResults)),
            ],
            "changePassword": ["supported": .bool(options.changePassword)],
            "sort": ["supported": .bool(options.sort)],
            "etag": ["supported": .bool(options.etag)],
            "authenticationSchemes": [
                [
                    "type": "oauthbearertoken",
                    "name": "OAuth Bearer Token",
                    "description": "Authentication with the provisioning token as a bearer token.",
                    "specUri": "https://www.rfc-editor.org/info/rfc6750",
                    "primary": true,
                ]
            ],
            "meta": meta("ServiceProviderConfig", location: "\(baseURL)/ServiceProviderConfig"),
        ]
        if let uri = options.documentationURI { document["documentationUri"] = .string(uri) }
        if options.cursorPagination {
            document["pagination"] = [
                "cursor": true, "index": true, "defaultPaginationMethod": "index",
                "defaultPageSize": .integer(Int64(options.filter.maxResults)),
                "maxPageSize": .integer(Int64(options.filter.maxResults)),
            ]
        }
        return .object(document)
    }

    public static func resourceTypes(baseURL: String) -> JSONValue {
        let resources = SCIMResourceType.allCases.map { resourceTypeDocument($0, baseURL: baseURL) }
        return SCIMListResponse(totalResults: resources.count, startIndex: 1, resources: resources).json
    }

    /// The ResourceType document for "User" or "Group" (any case), or nil.
    public static func resourceType(named name: String, baseURL: String) -> JSONValue? {
        SCIMResourceType(caseInsensitiveName: name).map { resourceTypeDocument($0, baseURL: baseURL) }
    }

    public static func schemas(baseURL: String) -> JSONValue {
        let resources = SCIMSchemas.all.map { schemaDocument($0, baseURL: baseURL) }
        return SCIMListResponse(totalResults: resources.count, startIndex: 1, resources: resources).json
    }

    /// The Schema document for a URN (compared ignoring case), or nil.
    public static func schema(id: String, baseURL: String) -> JSONValue? {
        SCIMSchemas.schema(withURN: id).map { schemaDocument($0, baseURL: baseURL) }
    }

    private static func resourceTypeDocument(_ type: SCIMResourceType, baseURL: String) -> JSONValue {
        var document: [String: JSONValue] = [
            "schemas": [.string(SCIMSchemas.resourceTypeURN)],
            "id": .string(type.rawValue),
            "name": .string(type.rawValue),
            "endpoint": .string(type.endpoint),
            "description": .string(type == .user ? "User Account" : "Group"),
            "schema": .string(type.coreSchema.id),
            "meta": meta("ResourceType", location: "\(baseURL)/ResourceTypes/\(type.rawValue)"),
        ]
        if !type.extensionSchemas.isEmpty {
            document["schemaExtensions"] = .array(
                type.extensionSchemas.map { ["schema": .string($0.id), "required": false] })
        }
        return .object(document)
    }

    private static func schemaDocument(_ schema: SCIMSchema, baseURL: String) -> JSONValue {
        [
            "schemas": [.string(SCIMSchemas.schemaURN)],
            "id": .string(schema.id),
            "name": .string(schema.name),
            "description": .string(schema.description),
            "attributes": .array(schema.attributes.map(attributeDocument)),
            "meta": meta("Schema", location: "\(baseURL)/Schemas/\(schema.id)"),
        ]
    }

    /// RFC 7643 §7 attribute characteristics, camelCase as Entra requires.
    static func attributeDocument(_ attribute: SCIMAttribute) -> JSONValue {
        var document: [String: JSONValue] = [
            "name": .string(attribute.name),
            "type": .string(attribute.type.rawValue),
            "multiValued": .bool(attribute.multiValued),
            "description": .string(attribute.description),
            "required": .bool(attribute.required),
            "caseExact": .bool(attribute.caseExact),
            "mutability": .string(attribute.mutability.rawValue),
            "returned": .string(attribute.returned.rawValue),
            "uniqueness": .string(attribute.uniqueness.rawValue),
        ]
        if !attribute.subAttributes.isEmpty {
            document["subAttributes"] = .array(attribute.subAttributes.map(attributeDocument))
        }
        if !attribute.canonicalValues.isEmpty {
            document["canonicalValues"] = .array(attribute.canonicalValues.map { .string($0) })
        }
        if !attribute.referenceTypes.isEmpty {
            document["referenceTypes"] = .array(attribute.referenceTypes.map { .string($0) })
        }
        return .object(document)
    }

    private static func meta(_ resourceType: String, location: String) -> JSONValue {
        ["resourceType": .string(resourceType), "location": .string(location)]
    }
}
