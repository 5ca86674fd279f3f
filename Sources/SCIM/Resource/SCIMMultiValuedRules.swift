/// Invariants of multi-valued attributes applied after every write (RFC 7643 §2.4):
/// equal values are kept once, and at most one value has `primary: true`.
///
/// Two values are equal when their `value` sub-attributes are equal (ignoring case unless `caseExact`) and
/// their `type`s are equal ignoring case; attributes without `value` (addresses) compare whole elements.
/// Distinct values sharing a `type` are both kept: RFC 7643 does not require unique types, and dropping one
/// of Microsoft's duplicate "work" emails would lose data the client sent.
enum SCIMMultiValuedRules {
    /// De-duplicates (merging a later duplicate into the first occurrence, later keys winning) and keeps one
    /// primary: the element at `preferredPrimary` when it is primary, else the first primary.
    static func normalize(
        _ elements: [JSONValue], attribute: SCIMAttribute, preferredPrimary: Int? = nil
    ) -> [JSONValue] {
        var result: [JSONValue] = []
        var preferred: Int?
        for (index, element) in elements.enumerated() {
            if let existing = result.firstIndex(where: { isDuplicate($0, element, attribute) }) {
                result[existing] = merge(result[existing], element)
                if index == preferredPrimary { preferred = existing }
            } else {
                if index == preferredPrimary { preferred = result.count }
                result.append(element)
            }
        }
        return enforceSinglePrimary(result, preferred: preferred)
    }

    static func isPrimary(_ element: JSONValue) -> Bool {
        element["primary"]?.boolValue == true
    }

    private static func enforceSinglePrimary(_ elements: [JSONValue], preferred: Int?) -> [JSONValue] {
        let primaries = elements.indices.filter { isPrimary(elements[$0]) }
        guard primaries.count > 1 else { return elements }
        let keep = preferred.flatMap { primaries.contains($0) ? $0 : nil } ?? primaries[0]
        return elements.enumerated().map { index, element in
            guard index != keep, isPrimary(element), var members = element.objectValue else { return element }
            members["primary"] = .bool(false)
            return .object(members)
        }
    }

    private static func isDuplicate(_ left: JSONValue, _ right: JSONValue, _ attribute: SCIMAttribute) -> Bool {
        guard attribute.type == .complex else {
            return SCIMFilter.equal(left, right, attribute)
        }
        guard let valueAttribute = attribute.subAttribute(named: "value") else {
            return withoutPrimary(left) == withoutPrimary(right)
        }
        guard let leftValue = left["value"], let rightValue = right["value"],
            SCIMFilter.equal(leftValue, rightValue, valueAttribute)
        else { return false }
        return left["type"]?.stringValue?.lowercased() == right["type"]?.stringValue?.lowercased()
    }

    private static func withoutPrimary(_ element: JSONValue) -> JSONValue {
        guard var members = element.objectValue else { return element }
        members["primary"] = nil
        return .object(members)
    }

    private static func merge(_ earlier: JSONValue, _ later: JSONValue) -> JSONValue {
        guard var members = earlier.objectValue, let newer = later.objectValue else { return later }
        members.merge(newer) { _, new in new }
        return .object(members)
    }
}
