import Foundation
import SCIM
import Storage

/// Renders stored resources as SCIM JSON: the IdP's attributes plus `id`, `meta` and read-only references.
struct SCIMRenderer {
    let baseURL: String

    func user(_ user: StoredUser, groups: [StoredGroupReference]) -> JSONValue {
        var object = user.attributes.objectValue ?? [:]
        let id = user.id.uuidString.lowercased()
        object["id"] = .string(id)
        if object["schemas"] == nil { object["schemas"] = .array([.string(SCIMSchemas.userURN)]) }
        if !groups.isEmpty {
            object["groups"] = .array(
                groups.map { group in
                    let groupID = group.id.uuidString.lowercased()
                    return .object([
                        "value": .string(groupID), "display": .string(group.displayName),
                        "$ref": .string("\(baseURL)/Groups/\(groupID)"), "type": .string("direct"),
                    ])
                })
        }
        object["meta"] = meta("User", id: id, path: "Users", user.createdAt, user.updatedAt, user.version)
        return .object(object)
    }

    func group(_ group: StoredGroup, members: [StoredMember]?) -> JSONValue {
        var object = group.attributes.objectValue ?? [:]
        let id = group.id.uuidString.lowercased()
        object["id"] = .string(id)
        object["schemas"] = object["schemas"] ?? .array([.string(SCIMSchemas.groupURN)])
        if let members {
            object["members"] = .array(
                members.map { member in
                    let memberID = member.id.uuidString.lowercased()
                    let path = member.type == "Group" ? "Groups" : "Users"
                    var entry: [String: JSONValue] = [
                        "value": .string(memberID), "type": .string(member.type),
                        "$ref": .string("\(baseURL)/\(path)/\(memberID)"),
                    ]
                    if let display = member.display { entry["display"] = .string(display) }
                    return .object(entry)
                })
        }
        object["meta"] = meta("Group", id: id, path: "Groups", group.createdAt, group.updatedAt, group.version)
        return .object(object)
    }

    static func etag(version: Int64) -> String { "W/\"\(version)\"" }

    private func meta(
        _ resourceType: String, id: String, path: String, _ created: Date, _ modified: Date, _ version: Int64
    ) -> JSONValue {
        .object([
            "resourceType": .string(resourceType),
            "created": .string(Self.timestamp(created)),
            "lastModified": .string(Self.timestamp(modified)),
            "location": .string("\(baseURL)/\(path)/\(id)"),
            "version": .string(Self.etag(version: version)),
        ])
    }

    static func timestamp(_ date: Date) -> String {
        SCIMDateTime.format(date)
    }
}
