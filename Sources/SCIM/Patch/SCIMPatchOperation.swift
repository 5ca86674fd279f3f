import Foundation

/// One PATCH operation as the client sent it (RFC 7644 §3.5.2). The path stays text until the engine
/// resolves it against the resource type.
public struct SCIMPatchOperation: Sendable, Equatable {
    public enum Kind: String, Sendable, Hashable {
        case add, replace, remove
    }

    public var op: Kind
    public var path: String?
    public var value: JSONValue?

    public init(op: Kind, path: String? = nil, value: JSONValue? = nil) {
        self.op = op
        self.path = path
        self.value = value
    }

    /// Reads one element of `Operations`. Member names and the `op` value are matched ignoring case
    /// (Entra sends "Replace"); a per-operation "name" (Entra) is ignored; an empty path means no path.
    public init(json: JSONValue, index: Int = 0) throws {
        guard json.objectValue != nil else {
            throw SCIMError.invalidSyntax("Operations[\(index)] must be an object")
        }
        guard let opText = json.member(named: "op")?.value.stringValue else {
            throw SCIMError.invalidSyntax("Operations[\(index)] needs an \"op\" of add, replace or remove")
        }
        guard let kind = Kind(rawValue: opText.lowercased()) else {
            throw SCIMError.invalidSyntax(
                "Operations[\(index)] has an unknown op \"\(opText)\"; use add, replace or remove")
        }
        var path: String?
        switch json.member(named: "path")?.value {
        case .none, .some(.null): path = nil
        case .some(.string(let text)):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            path = trimmed.isEmpty ? nil : trimmed
        default: throw SCIMError.invalidPath("Operations[\(index)].path must be a string")
        }
        let value = json.member(named: "value")?.value
        if kind != .remove, value == nil {
            throw SCIMError.invalidValue("Operations[\(index)] (\(kind.rawValue)) needs a \"value\"")
        }
        self.init(op: kind, path: path, value: value)
    }
}
