/// Builds the resource a client reads: the stored canonical attributes plus `id`, `meta` and, for groups,
/// `members`. One place, so POST, PUT, PATCH, GET and list answers all have the same shape (Okta treats
/// an empty create answer as a failure; Entra re-PATCHes when a read differs from what it wrote).
public enum SCIMResourceRenderer {
    public static func user(attributes: JSONValue, id: String, meta: SCIMResourceMeta, baseURL: String) -> JSONValue {
        render(attributes, type: .user, id: id, meta: meta, baseURL: baseURL)
    }

    /// `members` nil leaves the attribute out (the client excluded it, so storage did not load it); an empty
    /// list renders `"members": []`, the shape Entra expects after creating a group.
    public static func group(
        attributes: JSONValue, id: String, members: [SCIMMember]?, meta: SCIMResourceMeta, baseURL: String
    ) -> JSONValue {
        var resource = render(attributes, type: .group, id: id, meta: meta, baseURL: baseURL).objectValue ?? [:]
        if let members {
            resource["members"] = .array(members.map { $0.json(baseURL: baseURL) })
        }
        return .object(resource)
    }

    private static func render(
        _ attributes: JSONValue, type: SCIMResourceType, id: String, meta: SCIMResourceMeta, baseURL: String
    ) -> JSONValue {
        var resource = attributes.objectValue ?? [:]
        for key in resource.keys where ["id", "meta", "password", "members", "groups"].contains(key.lowercased()) {
            resource.removeValue(forKey: key)
        }
        if resource["schemas"]?.arrayValue?.isEmpty != false {
            resource["schemas"] = [.string(type.coreSchema.id)]
        }
        resource["id"] = .string(id)
        var metaMembers: [String: JSONValue] = [
            "resourceType": .string(type.rawValue),
            "created": .string(SCIMDateTime.format(meta.created)),
            "lastModified": .string(SCIMDateTime.format(meta.lastModified)),
            "location": .string("\(baseURL)\(type.endpoint)/\(id)"),
        ]
        if let version = meta.version { metaMembers["version"] = .string(version) }
        resource["meta"] = .object(metaMembers)
        return .object(resource)
    }
}
