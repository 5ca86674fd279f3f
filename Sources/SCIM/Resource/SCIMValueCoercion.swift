/// Converts client-supplied values to the attribute's canonical form, tolerating what IdPs really send.
///
/// Shared by the POST/PUT normaliser and the PATCH engine so both accept the same inputs:
/// - `null` and `""` mean unset (RFC 7643 §2.5; OneLogin templates render unmapped fields as "").
/// - "True"/"False" strings are booleans (Entra's default PATCH mode).
/// - A number where a string is expected becomes its text (OneLogin templates may render ids as numbers).
/// - A single value where a multi-valued attribute is expected is wrapped (OneLogin sends one email object;
///   SCIM-SDK #47 saw bare values).
/// - A scalar where a complex attribute with a `value` sub-attribute is expected becomes `{"value": x}`
///   (Entra sends the enterprise manager as a bare id).
/// - Sub-attribute names are canonicalised ignoring case; unknown sub-attributes are dropped.
/// - An element of a multi-valued attribute with a `value` sub-attribute but no value is dropped.
enum SCIMValueCoercion {
    /// The canonical value, or nil when the input means "unset".
    static func coerce(_ value: JSONValue, to attribute: SCIMAttribute, at path: String) throws -> JSONValue? {
        if value.isNull { return nil }
        if attribute.multiValued {
            let elements = value.arrayValue ?? [value]
            let coerced = try elements.compactMap { try coerceSingle($0, to: attribute, at: path) }
            return coerced.isEmpty ? nil : .array(coerced)
        }
        if case .array(let elements) = value, attribute.type == .complex {
            // A one-element array for a single-valued complex attribute: Entra's documented manager form
            // is [{"value": "id"}].
            guard elements.count <= 1 else {
                throw SCIMError.invalidValue("'\(path)' is single-valued but an array of \(elements.count) was given")
            }
            guard let only = elements.first else { return nil }
            return try coerceSingle(only, to: attribute, at: path)
        }
        return try coerceSingle(value, to: attribute, at: path)
    }

    /// One value of the attribute (an element, for a multi-valued attribute).
    /// `dropValueless: false` keeps an element without `value`, for PATCH values merged into an existing one.
    static func coerceSingle(
        _ value: JSONValue, to attribute: SCIMAttribute, at path: String, dropValueless: Bool = true
    ) throws -> JSONValue? {
        guard attribute.type == .complex else { return try coerceScalar(value, to: attribute, at: path) }
        switch value {
        case .null:
            return nil
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for key in members.keys.sorted() {
                guard let sub = attribute.subAttribute(named: key) else { continue }
                if let coerced = try coerceScalar(members[key]!, to: sub, at: "\(path).\(sub.name)") {
                    result[sub.name] = coerced
                }
            }
            if dropValueless, attribute.hasValueSubAttribute, result["value"] == nil { return nil }
            return result.isEmpty ? nil : .object(result)
        case .array:
            throw SCIMError.invalidValue("'\(path)' expects an object but an array was given")
        default:
            guard let valueAttribute = attribute.subAttribute(named: "value") else {
                throw SCIMError.invalidValue("'\(path)' is complex: send an object with its sub-attributes")
            }
            return try coerceScalar(value, to: valueAttribute, at: "\(path).value").map { .object(["value": $0]) }
        }
    }

    /// A simple (non-complex) value.
    static func coerceScalar(_ value: JSONValue, to attribute: SCIMAttribute, at path: String) throws -> JSONValue? {
        switch value {
        case .null:
            return nil
        case .array, .object:
            throw SCIMError.invalidValue(
                "'\(path)' expects a \(attribute.type.rawValue) value, not a \(kind(of: value))")
        default:
            break
        }
        switch attribute.type {
        case .string, .reference, .binary:
            switch value {
            case .string(let text): return text.isEmpty ? nil : .string(text)
            case .integer(let number): return .string(String(number))
            case .double(let number): return .string(Int64(exactly: number).map { String($0) } ?? "\(number)")
            default: throw mismatch(path, attribute, value)
            }
        case .boolean:
            switch value {
            case .bool: return value
            case .string(let text) where text.isEmpty: return nil
            case .string(let text) where text.lowercased() == "true": return .bool(true)
            case .string(let text) where text.lowercased() == "false": return .bool(false)
            default: throw mismatch(path, attribute, value)
            }
        case .integer:
            if let integer = value.integerValue { return .integer(integer) }
            if let text = value.stringValue {
                if text.isEmpty { return nil }
                if let integer = Int64(text) { return .integer(integer) }
            }
            throw mismatch(path, attribute, value)
        case .decimal:
            if let number = value.doubleValue { return .double(number) }
            if let text = value.stringValue {
                if text.isEmpty { return nil }
                if let number = Double(text), number.isFinite { return .double(number) }
            }
            throw mismatch(path, attribute, value)
        case .dateTime:
            guard let text = value.stringValue else { throw mismatch(path, attribute, value) }
            if text.isEmpty { return nil }
            guard SCIMDateTime.parse(text) != nil else {
                throw SCIMError.invalidValue("'\(path)' must be an RFC 3339 date-time such as 2026-01-01T00:00:00Z")
            }
            return value
        case .complex:
            throw SCIMError.invalidValue("'\(path)' is complex: send an object with its sub-attributes")
        }
    }

    private static func mismatch(_ path: String, _ attribute: SCIMAttribute, _ value: JSONValue) -> SCIMError {
        SCIMError.invalidValue("'\(path)' expects a \(attribute.type.rawValue) value, not a \(kind(of: value))")
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
