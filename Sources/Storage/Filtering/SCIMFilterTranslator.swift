import Foundation
import Postgres
import SCIM

/// Turns a parsed SCIM filter (RFC 7644 §3.4.2.2) into a parameterised SQL condition.
///
/// Attribute paths reach SQL only through `SCIMColumnMap`'s fixed columns and the schema's canonical attribute names;
/// every value is a bind. Comparisons stay bare so PostgreSQL can use the expression indexes; only `not (…)` wraps
/// its operand in `COALESCE(…, false)`, because there an absent attribute's NULL would otherwise stay NULL instead
/// of becoming true. (Under AND and OR alone, NULL already behaves as false in a WHERE clause.)
struct SCIMFilterTranslator {
    let columns: SCIMColumnMap

    func condition(_ filter: SCIMFilter) throws -> PostgresQuery {
        switch filter {
        case .and(let lhs, let rhs):
            return "(" + (try condition(lhs)) + " AND " + (try condition(rhs)) + ")"
        case .or(let lhs, let rhs):
            return "(" + (try condition(lhs)) + " OR " + (try condition(rhs)) + ")"
        case .not(let inner):
            return "(NOT COALESCE(" + (try condition(inner)) + ", false))"
        case .present(let path):
            return try presence(of: path)
        case .compare(let path, let comparison, let value):
            return try compare(path, comparison, value)
        case .valuePath(let path, let inner):
            return try valuePath(path, inner)
        }
    }

    // MARK: - Operands

    private func presence(of path: SCIMAttributePath) throws -> PostgresQuery {
        switch try columns.operand(for: path) {
        case .column(let sql, _):
            return PostgresQuery(unsafeSQL: "(\(sql) IS NOT NULL AND \(sql)::text <> '')")
        case .json(let sql, _):
            return PostgresQuery(unsafeSQL: "(COALESCE(\(sql), '') <> '')")
        case .array(let arraySQL, let key, _):
            let element = key.map { "e ->> '\($0)'" } ?? "e #>> '{}'"
            return PostgresQuery(
                unsafeSQL:
                    "EXISTS (SELECT 1 FROM jsonb_array_elements(\(arraySQL)) AS e WHERE COALESCE(\(element), '') <> '')"
            )
        case .membership(let exists):
            return PostgresQuery(unsafeSQL: "EXISTS (\(exists))")
        }
    }

    private func compare(
        _ path: SCIMAttributePath, _ comparison: SCIMComparison, _ value: JSONValue
    ) throws -> PostgresQuery {
        // `eq null` asks for an absent attribute and `ne null` for a present one, as the in-memory evaluator reads
        // them.
        if value.isNull {
            switch comparison {
            case .eq: return "(NOT " + (try presence(of: path)) + ")"
            case .ne: return try presence(of: path)
            default: throw SCIMError.invalidFilter("null can only be compared with eq or ne.")
            }
        }
        switch try columns.operand(for: path) {
        case .column(let sql, let kind), .json(let sql, let kind):
            return "(" + (try comparisonSQL(sql, kind, comparison, value, path: path)) + ")"
        case .array(let arraySQL, let key, let kind):
            let element = key.map { "e ->> '\($0)'" } ?? "e #>> '{}'"
            let inner = try comparisonSQL(element, kind, comparison, value, path: path)
            return PostgresQuery(unsafeSQL: "EXISTS (SELECT 1 FROM jsonb_array_elements(\(arraySQL)) AS e WHERE ")
                + inner + ")"
        case .membership(let exists):
            // Only the id is stored for a member reference; `display`, `type` and `$ref` are not compared, and a
            // silent empty answer for them would look like "no such member" (IDP_BEHAVIOUR.md §0.4).
            guard path.subAttribute == nil || path.subAttribute == "value" else {
                throw SCIMError.invalidFilter(
                    "\(path) cannot be filtered; filter \(path.attribute) by value (the id) instead.")
            }
            guard comparison == .eq, let text = value.stringValue else {
                throw SCIMError.invalidFilter("Only 'eq' with a string id is supported on \(path.attribute).")
            }
            guard let id = UUID(uuidString: text) else { return "false" }
            return PostgresQuery(unsafeSQL: "EXISTS (\(exists) AND m.\(columns.membershipIDColumn) = ") + "\(id))"
        }
    }

    /// `emails[type eq "work" and value co "@example.com"]`: one array element must satisfy the whole inner filter.
    private func valuePath(_ path: SCIMAttributePath, _ inner: SCIMFilter) throws -> PostgresQuery {
        guard case .array(let arraySQL, _, _) = try columns.operand(for: path.parent) else {
            throw SCIMError.invalidFilter("\(path.attribute) is not a multi-valued attribute.")
        }
        let elementColumns = SCIMColumnMap.element(of: path)
        let condition = try SCIMFilterTranslator(columns: elementColumns).condition(inner)
        return PostgresQuery(unsafeSQL: "EXISTS (SELECT 1 FROM jsonb_array_elements(\(arraySQL)) AS e WHERE ")
            + condition + ")"
    }

    // MARK: - Comparisons

    private func comparisonSQL(
        _ operand: String, _ kind: SCIMColumnMap.Kind, _ comparison: SCIMComparison, _ value: JSONValue,
        path: SCIMAttributePath
    ) throws -> PostgresQuery {
        switch kind {
        case .boolean(let textual):
            guard comparison == .eq || comparison == .ne else {
                throw SCIMError.invalidFilter("\(path.attribute) is a boolean; only 'eq' and 'ne' apply.")
            }
            guard let flag = Self.boolean(value) else {
                throw SCIMError.invalidFilter("\(path.attribute) compares with true or false.")
            }
            let left = textual ? "(\(operand))::boolean" : operand
            let sqlOperator = comparison == .eq ? "=" : "IS DISTINCT FROM"
            return PostgresQuery(unsafeSQL: "\(left) \(sqlOperator) ") + "\(flag)::boolean"
        case .dateTime(let textual):
            guard let text = value.stringValue, let date = Self.date(text) else {
                throw SCIMError.invalidFilter("\(path.attribute) compares with an RFC 3339 date-time string.")
            }
            guard comparison != .co, comparison != .sw, comparison != .ew else {
                throw SCIMError.invalidFilter("'\(comparison.rawValue)' does not apply to the date \(path.attribute).")
            }
            guard !textual else {
                return PostgresQuery(unsafeSQL: "(\(operand))::timestamptz \(Self.ordering(comparison)) ")
                    + "\(date)::timestamptz"
            }
            return Self.millisecondComparison(operand, comparison, date)
        case .uuid:
            guard let text = Self.text(value) else {
                throw SCIMError.invalidFilter("\(path.attribute) compares with a string.")
            }
            if comparison == .eq || comparison == .ne {
                // Ids are lower-case UUIDs; anything else matches nothing rather than failing the query.
                guard let id = UUID(uuidString: text) else { return comparison == .eq ? "false" : "true" }
                let sqlOperator = comparison == .eq ? "=" : "<>"
                return PostgresQuery(unsafeSQL: "\(operand) \(sqlOperator) ") + "\(id)::uuid"
            }
            return try stringComparison("\(operand)::text", caseExact: false, comparison, text)
        case .string(let caseExact):
            guard let text = Self.text(value) else {
                throw SCIMError.invalidFilter("\(path.attribute) compares with a string.")
            }
            return try stringComparison(operand, caseExact: caseExact, comparison, text)
        case .lowercasedString:
            guard let text = Self.text(value) else {
                throw SCIMError.invalidFilter("\(path.attribute) compares with a string.")
            }
            return try stringComparison(operand, caseExact: false, comparison, text, operandIsLowercase: true)
        case .number:
            guard case .integer = value else {
                if case .double = value {
                } else {
                    throw SCIMError.invalidFilter("\(path.attribute) compares with a number.")
                }
                return PostgresQuery(unsafeSQL: "(\(operand))::numeric \(Self.ordering(comparison)) ")
                    + "\(value.serializedString)::numeric"
            }
            return PostgresQuery(unsafeSQL: "(\(operand))::numeric \(Self.ordering(comparison)) ")
                + "\(value.serializedString)::numeric"
        }
    }

    private func stringComparison(
        _ operand: String, caseExact: Bool, _ comparison: SCIMComparison, _ text: String,
        operandIsLowercase: Bool = false
    ) throws -> PostgresQuery {
        let left = caseExact || operandIsLowercase ? operand : "lower(\(operand))"
        let right: PostgresQuery = caseExact ? "\(text)::text" : "lower(\(text)::text)"
        switch comparison {
        case .eq: return PostgresQuery(unsafeSQL: "\(left) = ") + right
        case .ne: return PostgresQuery(unsafeSQL: "\(left) IS DISTINCT FROM ") + right
        case .co: return PostgresQuery(unsafeSQL: "strpos(\(left), ") + right + ") > 0"
        case .sw: return PostgresQuery(unsafeSQL: "starts_with(\(left), ") + right + ")"
        case .ew: return PostgresQuery(unsafeSQL: "right(\(left), length(") + right + ")) = " + right
        case .gt, .ge, .lt, .le:
            return PostgresQuery(unsafeSQL: "\(left) COLLATE \"C\" \(Self.ordering(comparison)) ") + right
        }
    }

    /// A stored time (microseconds) against a filter's, at the millisecond precision responses show
    /// (`SCIMDateTime.format`): `meta.lastModified eq` the value a GET returned matches that resource, and `gt` it
    /// does not. Each comparison is a range on the column itself, so its index still answers it.
    private static func millisecondComparison(
        _ column: String, _ comparison: SCIMComparison, _ date: Date
    ) -> PostgresQuery {
        let start = SCIMDateTime.millisecondFloor(date)
        let next = start.addingTimeInterval(0.001)
        let atOrAfter = { (bound: Date) in PostgresQuery(unsafeSQL: "\(column) >= ") + "\(bound)::timestamptz" }
        let before = { (bound: Date) in PostgresQuery(unsafeSQL: "\(column) < ") + "\(bound)::timestamptz" }
        switch comparison {
        case .eq: return "(" + atOrAfter(start) + " AND " + before(next) + ")"
        case .ne: return "NOT (" + atOrAfter(start) + " AND " + before(next) + ")"
        case .gt: return atOrAfter(next)
        case .ge: return atOrAfter(start)
        case .lt: return before(start)
        case .le: return before(next)
        case .co, .sw, .ew: return "false"  // refused by the caller before this
        }
    }

    private static func ordering(_ comparison: SCIMComparison) -> String {
        switch comparison {
        case .eq: "="
        case .ne: "<>"
        case .gt: ">"
        case .ge: ">="
        case .lt: "<"
        case .le: "<="
        case .co, .sw, .ew: "="
        }
    }

    /// Strings, and the bare numbers and booleans some IdPs send for string attributes, as text.
    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// Entra sends booleans as the strings "True" and "False".
    private static func boolean(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let flag): flag
        case .string(let text) where text.lowercased() == "true": true
        case .string(let text) where text.lowercased() == "false": false
        default: nil
        }
    }

    private static func date(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }
}
