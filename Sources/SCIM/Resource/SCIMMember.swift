/// One group member as storage keeps it: a row, not JSON.
public struct SCIMMember: Sendable, Hashable {
    /// The member resource's id.
    public var value: String
    /// "User" or "Group"; "User" when the client omits it (Okta's group push sends no type).
    public var type: String
    /// The display name the client sent, if any.
    public var display: String?

    public init(value: String, type: String = "User", display: String? = nil) {
        self.value = value
        self.type = type
        self.display = display
    }

    /// Reads one element of a `members` value. Accepts `display` or `displayName` (Entra), a bare id string,
    /// `$ref: null` (Entra), and any letter case in names and in the type.
    public init(json: JSONValue) throws {
        if let id = json.stringValue {
            guard !id.isEmpty else { throw SCIMError.invalidValue("A member value must not be empty") }
            self.init(value: id)
            return
        }
        guard json.objectValue != nil else {
            throw SCIMError.invalidValue(
                "A member must be an object with a \"value\", not a \(SCIMValueCoercion.kind(of: json))")
        }
        let value: String
        switch json.member(named: "value")?.value {
        case .string(let text) where !text.isEmpty: value = text
        case .integer(let number): value = String(number)
        default: throw SCIMError.invalidValue("Each member needs a non-empty string \"value\" (the member's id)")
        }
        var type = "User"
        if let given = json.member(named: "type")?.value.stringValue, !given.isEmpty {
            switch given.lowercased() {
            case "user": type = "User"
            case "group": type = "Group"
            default: throw SCIMError.invalidValue("Member type must be \"User\" or \"Group\", not \"\(given)\"")
            }
        }
        let display = (json.member(named: "display") ?? json.member(named: "displayName"))?.value.stringValue
        self.init(value: value, type: type, display: display?.isEmpty == true ? nil : display)
    }

    /// Reads a `members` value: an array of members or a single member, duplicates (by id) kept once with
    /// the last occurrence's details.
    public static func list(from json: JSONValue) throws -> [SCIMMember] {
        if json.isNull { return [] }
        let elements = json.arrayValue ?? [json]
        var members: [SCIMMember] = []
        var positions: [String: Int] = [:]
        for element in elements where !element.isNull {
            let member = try SCIMMember(json: element)
            if let index = positions[member.value] {
                members[index] = member
            } else {
                positions[member.value] = members.count
                members.append(member)
            }
        }
        return members
    }

    /// Splits `members` out of a group body or path-less PATCH value, found at the top level or inside the
    /// core Group schema's URN object (RFC 7644 §3.10 allows either), in any letter case.
    static func splitMembers(from fields: [String: JSONValue]) -> (fields: [String: JSONValue], members: JSONValue?) {
        var rest = fields
        var members: JSONValue?
        for key in fields.keys.sorted() {
            if key.lowercased() == "members" {
                members = rest.removeValue(forKey: key)
            } else if key.lowercased() == SCIMSchemas.groupURN.lowercased(), case .object(let nested) = fields[key]! {
                let split = splitMembers(from: nested)
                rest[key] = .object(split.fields)
                if let nestedMembers = split.members { members = nestedMembers }
            }
        }
        return (rest, members)
    }

    /// The member as a `members` element; `$ref` is included when `baseURL` is given.
    public func json(baseURL: String? = nil) -> JSONValue {
        var members: [String: JSONValue] = ["value": .string(value), "type": .string(type)]
        if let display { members["display"] = .string(display) }
        if let baseURL {
            let endpoint = type == "Group" ? SCIMResourceType.group.endpoint : SCIMResourceType.user.endpoint
            members["$ref"] = .string("\(baseURL)\(endpoint)/\(value)")
        }
        return .object(members)
    }
}
