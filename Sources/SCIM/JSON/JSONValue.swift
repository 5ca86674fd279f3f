/// A JSON document as a value (RFC 8259).
///
/// Numbers keep their lexical kind: an integer literal that fits in 64 bits is `.integer`, anything with a
/// fraction or exponent (or too large for `Int64`) is `.double`. Object keys are compared exactly; SCIM's
/// case-insensitive attribute names are handled by the schema-aware code, not here.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member named exactly `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    public var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    public var boolValue: Bool? {
        guard case .bool(let flag) = self else { return nil }
        return flag
    }

    public var arrayValue: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    public var objectValue: [String: JSONValue]? {
        guard case .object(let members) = self else { return nil }
        return members
    }

    /// The value as an `Int64` when it is an integer, or a double without a fractional part that fits.
    public var integerValue: Int64? {
        switch self {
        case .integer(let number):
            return number
        case .double(let number):
            return Int64(exactly: number)
        default:
            return nil
        }
    }

    /// The value as a `Double` when it is any number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let number):
            return Double(number)
        case .double(let number):
            return number
        default:
            return nil
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The first member whose key equals `key` ignoring case (RFC 7643 §2.1: attribute names are
    /// case-insensitive). An exact match wins over a case-insensitive one.
    public func member(named key: String) -> (key: String, value: JSONValue)? {
        guard case .object(let members) = self else { return nil }
        if let exact = members[key] { return (key, exact) }
        let folded = key.lowercased()
        let match = members.keys.sorted().first { $0.lowercased() == folded }
        return match.map { ($0, members[$0]!) }
    }
}
