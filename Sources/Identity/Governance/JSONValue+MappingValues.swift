import SCIM

extension JSONValue {
    /// What an object standing where a value is expected contributes.
    enum MappingObjectValues {
        /// Its `value` member: the primary value of a SCIM complex attribute (RFC 7643 §2.4), so `emails`
        /// yields the addresses and `manager` the manager's id.
        case valueMember
        /// Its member names: ZITADEL puts project roles in a claim shaped `{"<role>": {"<org id>": "<domain>"}}`.
        case memberNames
    }

    /// The texts found at a dotted `path` below this value (an empty path means this value), in document order.
    ///
    /// Member names compare ignoring case, an exact spelling first (RFC 7643 §2.1). A member whose name itself
    /// holds dots is reached too: at each object every dot-separated prefix of the path naming a member is tried.
    /// Arrays at any level contribute each element; strings are taken as they are, numbers and booleans as their
    /// JSON text, nulls as nothing.
    func mappingValues(at path: Substring, objects: MappingObjectValues) -> [String] {
        var found: [String] = []
        collect(path: path, objects: objects, into: &found)
        return found
    }

    private func collect(path: Substring, objects: MappingObjectValues, into found: inout [String]) {
        guard !path.isEmpty else {
            appendLeaves(objects: objects, into: &found)
            return
        }
        switch self {
        case .array(let elements):
            for element in elements { element.collect(path: path, objects: objects, into: &found) }
        case .object:
            var end = path.startIndex
            while end <= path.endIndex {
                let isBoundary = end == path.endIndex || path[end] == "."
                if isBoundary, end > path.startIndex, let member = member(named: String(path[..<end])) {
                    let rest = end == path.endIndex ? path[end...] : path[path.index(after: end)...]
                    member.value.collect(path: rest, objects: objects, into: &found)
                }
                guard end < path.endIndex else { break }
                end = path.index(after: end)
            }
        default:
            return
        }
    }

    private func appendLeaves(objects: MappingObjectValues, into found: inout [String]) {
        switch self {
        case .null:
            return
        case .bool(let flag):
            found.append(flag ? "true" : "false")
        case .integer(let number):
            found.append(String(number))
        case .double(let number):
            found.append(Int64(exactly: number).map { String($0) } ?? String(number))
        case .string(let text):
            found.append(text)
        case .array(let elements):
            for element in elements { element.appendLeaves(objects: objects, into: &found) }
        case .object(let members):
            switch objects {
            case .valueMember:
                member(named: "value")?.value.appendLeaves(objects: objects, into: &found)
            case .memberNames:
                found.append(contentsOf: members.keys.sorted())
            }
        }
    }
}
