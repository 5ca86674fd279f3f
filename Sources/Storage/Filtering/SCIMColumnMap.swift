import SCIM

/// The allowlist between SCIM attribute paths and SQL: fixed columns for what IdPs look up, and JSON paths built
/// only from the schema's canonical attribute names for everything else.
struct SCIMColumnMap {
    enum Kind {
        case string(caseExact: Bool)
        /// A column PostgreSQL keeps in lower case: compared without calling lower() on it, so the comparison stays
        /// leakproof and indexable under row-level security (sql/0008).
        case lowercasedString
        case boolean(textual: Bool)
        case dateTime(textual: Bool)
        case uuid
        case number
    }

    enum Operand {
        /// A typed column or JSON text expression.
        case column(String, Kind)
        case json(String, Kind)
        /// A JSON array; `key` names the sub-attribute compared in each element (nil for arrays of strings).
        case array(String, key: String?, Kind)
        /// An `EXISTS` subquery over the membership table, aliased `m`.
        case membership(String)
    }

    private enum Base {
        case table(alias: String, resourceType: SCIMResourceType)
        case arrayElement
    }

    private let base: Base

    static func users(alias: String) -> SCIMColumnMap { SCIMColumnMap(base: .table(alias: alias, resourceType: .user)) }
    static func groups(alias: String) -> SCIMColumnMap {
        SCIMColumnMap(base: .table(alias: alias, resourceType: .group))
    }

    /// Operands inside a value path filter (`emails[type eq "work"]`) address the current element `e`.
    static func element(of path: SCIMAttributePath) -> SCIMColumnMap { SCIMColumnMap(base: .arrayElement) }

    /// The id column the membership subquery compares with a filter value.
    var membershipIDColumn: String {
        if case .table(_, .group) = base { return "member_id" }
        return "group_id"
    }

    func operand(for path: SCIMAttributePath) throws -> Operand {
        switch base {
        case .arrayElement:
            guard let sub = path.subAttribute else {
                throw SCIMError.invalidFilter("A value filter compares sub-attributes of \(path.attribute).")
            }
            return .json("e ->> \(try Self.literal(sub))", Self.kind(of: path.definition))
        case .table(let alias, let resourceType):
            if let fixed = try fixedColumn(path, alias: alias, resourceType: resourceType) { return fixed }
            return try jsonOperand(path, alias: alias)
        }
    }

    /// An expression to ORDER BY for `sortBy` (RFC 7644 §3.4.2.3); multi-valued attributes sort by their first value.
    /// The SQL a page is ordered by. A multi-valued attribute sorts by its primary value, else its first
    /// (RFC 7644 §3.4.2.3).
    func sortExpression(for path: SCIMAttributePath) throws -> String {
        let found: Operand
        do {
            found = try operand(for: path)
        } catch let error as SCIMError where error.scimType == .invalidFilter {
            throw SCIMError.invalidValue("Results cannot be sorted by \(path).")
        }
        switch found {
        case .column(let sql, let kind), .json(let sql, let kind):
            if case .string(caseExact: false) = kind { return "lower(\(sql))" }
            return sql
        case .array(let sql, let key, _):
            guard let key else { return "lower(\(sql) ->> 0)" }
            return """
                (CASE WHEN jsonb_typeof(\(sql)) = 'array' THEN (SELECT lower(e.item ->> \(Self.quoted(key)))
                FROM jsonb_array_elements(\(sql)) WITH ORDINALITY AS e (item, position)
                ORDER BY e.item -> 'primary' = 'true'::jsonb DESC NULLS LAST, e.position LIMIT 1) END)
                """
        case .membership:
            throw SCIMError.invalidValue("Results cannot be sorted by \(path.attribute).")
        }
    }

    private func fixedColumn(
        _ path: SCIMAttributePath, alias: String, resourceType: SCIMResourceType
    ) throws -> Operand? {
        guard path.isCoreSchema else { return nil }
        switch (resourceType, path.attribute) {
        case (_, "id"): return .column("\(alias).id", .uuid)
        case (_, "externalId"): return .column("\(alias).external_id", .string(caseExact: true))
        case (_, "displayName"): return .column("\(alias).display_name_lower", .lowercasedString)
        case (.user, "userName"): return .column("\(alias).user_name_lower", .lowercasedString)
        case (.user, "active"): return .column("\(alias).active", .boolean(textual: false))
        case (_, "meta"):
            switch path.subAttribute {
            case "created": return .column("\(alias).created_at", .dateTime(textual: false))
            case "lastModified": return .column("\(alias).updated_at", .dateTime(textual: false))
            case "resourceType": return .column("'\(resourceType.rawValue)'::text", .string(caseExact: false))
            default: throw SCIMError.invalidFilter("Filtering on meta.\(path.subAttribute ?? "") is not supported.")
            }
        case (.user, "groups"):
            return .membership(
                "SELECT 1 FROM scim_group_members m WHERE m.tenant_id = \(alias).tenant_id "
                    + "AND m.member_id = \(alias).id")
        case (.group, "members"):
            guard path.subAttribute == nil || path.subAttribute == "value" else {
                throw SCIMError.invalidFilter("Groups can be filtered by members.value only.")
            }
            return .membership(
                "SELECT 1 FROM scim_group_members m WHERE m.tenant_id = \(alias).tenant_id AND m.group_id = \(alias).id"
            )
        default:
            return nil
        }
    }

    private func jsonOperand(_ path: SCIMAttributePath, alias: String) throws -> Operand {
        let container =
            path.isCoreSchema ? "\(alias).attributes" : "(\(alias).attributes -> \(try Self.literal(path.schemaURN)))"
        let attribute = try Self.literal(path.attribute)
        let parent = path.attributeDefinition
        if parent.multiValued {
            let array = "\(container) -> \(attribute)"
            let safeArray = "(CASE WHEN jsonb_typeof(\(array)) = 'array' THEN \(array) ELSE '[]'::jsonb END)"
            let key = path.subAttribute ?? (parent.type == .complex ? "value" : nil)
            let leaf = key.flatMap { name in parent.subAttributes.first { $0.name == name } } ?? parent
            return .array(safeArray, key: try key.map(Self.checkedKey), Self.kind(of: leaf))
        }
        if let sub = path.subAttribute {
            return .json("(\(container) -> \(attribute) ->> \(try Self.literal(sub)))", Self.kind(of: path.definition))
        }
        guard parent.type != .complex else {
            throw SCIMError.invalidFilter("\(path.attribute) is complex; filter on one of its sub-attributes.")
        }
        return .json("(\(container) ->> \(attribute))", Self.kind(of: parent))
    }

    private static func kind(of attribute: SCIMAttribute) -> Kind {
        switch attribute.type {
        case .boolean: .boolean(textual: true)
        case .dateTime: .dateTime(textual: true)
        case .integer, .decimal: .number
        case .reference, .binary: .string(caseExact: true)
        default: .string(caseExact: attribute.caseExact)
        }
    }

    /// Canonical schema names only ever contain these characters; anything else never reaches SQL.
    private static func checkedKey(_ name: String) throws -> String {
        let allowed = name.unicodeScalars.allSatisfy {
            ($0.properties.isASCIIHexDigit || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                || ("0"..."9").contains($0) || ":._$-".unicodeScalars.contains($0))
        }
        guard allowed, !name.isEmpty else { throw SCIMError.invalidFilter("Unsupported attribute name.") }
        return name
    }

    private static func literal(_ name: String) throws -> String { quoted(try checkedKey(name)) }

    private static func quoted(_ name: String) -> String { "'\(name)'" }
}
