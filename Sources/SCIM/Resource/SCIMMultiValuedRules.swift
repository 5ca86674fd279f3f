/// Invariants of multi-valued attributes applied after every write (RFC 7643 §2.4):
/// equal values are kept once, and at most one value has `primary: true`.
///
/// Two values are equal when their `value` sub-attributes are equal (ignoring case unless `caseExact`) and
/// their `type`s are equal ignoring case; attributes without `value` (addresses) compare whole elements.
/// Distinct values sharing a `type` are both kept: RFC 7643 does not require unique types, and dropping one
/// of Microsoft's duplicate "work" emails would lose data the client sent.
enum SCIMMultiValuedRules {
    /// Most values one multi-valued attribute may hold; more is 400 `tooMany`. IdPs send a handful. Without a bound,
    /// values piled up over requests, and 1,000 PATCH operations on 50,000 stored emails held a worker for minutes
    /// (issue 8, found by the hostile-input tests).
    static let maxValues = 1000

    /// De-duplicates (merging a later duplicate into the first occurrence, later keys winning) and keeps one
    /// primary: the element at `preferredPrimary` when it is primary, else the first primary. Throws `tooMany` when
    /// more than `maxValues` distinct values remain.
    static func normalize(
        _ elements: [JSONValue], attribute: SCIMAttribute, preferredPrimary: Int? = nil
    ) throws -> [JSONValue] {
        var result: [JSONValue] = []
        // Kept elements by a key that duplicates always share, so an element is compared only with the few that
        // could equal it. Comparing with every kept element made a POST of 20,000 emails take minutes (issue 8).
        var candidates: [DuplicateKey: [Int]] = [:]
        var preferred: Int?
        for (index, element) in elements.enumerated() {
            let key = duplicateKey(element, attribute, position: index)
            if let existing = candidates[key]?.first(where: { isDuplicate(result[$0], element, attribute) }) {
                result[existing] = merge(result[existing], element)
                if index == preferredPrimary { preferred = existing }
            } else {
                if index == preferredPrimary { preferred = result.count }
                candidates[key, default: []].append(result.count)
                result.append(element)
            }
        }
        guard result.count <= maxValues else {
            throw SCIMError.tooMany("'\(attribute.name)' may hold at most \(maxValues) values, not \(result.count)")
        }
        return enforceSinglePrimary(result, preferred: preferred)
    }

    /// Equal for any two elements `isDuplicate` calls equal (merging one into the other keeps it), coarser where
    /// that is simpler: strings fold case even when `caseExact`, and numbers, booleans and dates share one key.
    private enum DuplicateKey: Hashable {
        case value(JSONValue, type: String?)
        case uncomparable(type: String?)
        case unique(Int)
    }

    private static func duplicateKey(_ element: JSONValue, _ attribute: SCIMAttribute, position: Int) -> DuplicateKey {
        guard attribute.type == .complex else { return valueKey(element, attribute, type: nil) }
        guard let valueAttribute = attribute.subAttribute(named: "value") else {
            return .value(withoutPrimary(element), type: nil)
        }
        guard let value = element["value"] else { return .unique(position) }
        return valueKey(value, valueAttribute, type: element["type"]?.stringValue?.lowercased())
    }

    private static func valueKey(_ value: JSONValue, _ attribute: SCIMAttribute, type: String?) -> DuplicateKey {
        switch attribute.type {
        case .boolean, .integer, .decimal, .dateTime: .uncomparable(type: type)
        default: .value(value.stringValue.map { .string($0.lowercased()) } ?? value, type: type)
        }
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
