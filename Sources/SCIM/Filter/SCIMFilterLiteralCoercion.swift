/// Converts a filter literal to the type of the attribute it is compared with, and rejects comparisons the
/// attribute's type cannot take (RFC 7644 §3.4.2.2), so storage never sees a mismatched value.
enum SCIMFilterLiteralCoercion {
    static func coerce(
        _ literal: SCIMFilterParser.Literal, to path: SCIMAttributePath, comparison: SCIMComparison
    ) throws -> JSONValue {
        let attribute = path.definition
        // PostgreSQL text cannot hold U+0000 (`"\u0000"`, or %00 in a bare value), so no stored value can equal
        // it; refused here, the database would answer with an error instead (issue 8, found by the hostile tests).
        guard !text(of: literal).unicodeScalars.contains("\u{0}") else {
            throw SCIMError.invalidFilter("'\(path)' cannot be compared with a value containing a NUL character")
        }
        if case .null = literal {
            guard comparison == .eq || comparison == .ne else {
                throw SCIMError.invalidFilter("'\(comparison.rawValue)' cannot compare '\(path)' with null")
            }
            return .null
        }
        switch attribute.type {
        case .string, .reference, .binary:
            if attribute.type == .binary, comparison.isOrdering {
                throw SCIMError.invalidFilter("'\(comparison.rawValue)' is not allowed on binary attribute '\(path)'")
            }
            return .string(text(of: literal))
        case .boolean:
            guard comparison == .eq || comparison == .ne else {
                throw SCIMError.invalidFilter("'\(comparison.rawValue)' is not allowed on boolean attribute '\(path)'")
            }
            // Entra and some templates quote booleans or write "True"; both mean the boolean.
            switch literal {
            case .boolean(let flag): return .bool(flag)
            case .quoted(let text) where text.lowercased() == "true": return .bool(true)
            case .quoted(let text) where text.lowercased() == "false": return .bool(false)
            default: throw SCIMError.invalidFilter("'\(path)' is boolean: compare it with true or false")
            }
        case .integer, .decimal:
            guard !comparison.isSubstring else {
                throw SCIMError.invalidFilter("'\(comparison.rawValue)' is not allowed on numeric attribute '\(path)'")
            }
            let number: JSONValue?
            switch literal {
            case .number(let value, _): number = value
            case .quoted(let text), .bare(let text): number = try? JSONValue.parse(text)
            default: number = nil
            }
            guard let number, number.doubleValue != nil else {
                throw SCIMError.invalidFilter("'\(path)' is numeric: compare it with a number")
            }
            if attribute.type == .integer {
                guard let integer = number.integerValue else {
                    throw SCIMError.invalidFilter("'\(path)' is an integer: compare it with a whole number")
                }
                return .integer(integer)
            }
            return number
        case .dateTime:
            guard !comparison.isSubstring else {
                throw SCIMError.invalidFilter(
                    "'\(comparison.rawValue)' is not allowed on date-time attribute '\(path)'")
            }
            let value = text(of: literal)
            guard SCIMDateTime.parse(value) != nil else {
                throw SCIMError.invalidFilter(
                    "'\(path)' is a date-time: compare it with an RFC 3339 value such as \"2026-01-01T00:00:00Z\"")
            }
            return .string(value)
        case .complex:
            throw SCIMError.invalidFilter("'\(path)' is complex: compare one of its sub-attributes instead")
        }
    }

    /// The literal as text, as written: bare tokens, numbers and booleans become strings for string
    /// attributes (Entra's `externalId eq 12345` means the string "12345").
    private static func text(of literal: SCIMFilterParser.Literal) -> String {
        switch literal {
        case .quoted(let text), .bare(let text), .number(_, let text): text
        case .boolean(let flag): flag ? "true" : "false"
        case .null: "null"
        }
    }
}
