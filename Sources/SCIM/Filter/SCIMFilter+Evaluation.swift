import Foundation

/// In-memory evaluation against a rendered or stored resource, with the comparison rules of
/// RFC 7644 §3.4.2.2: `caseExact` decides string case sensitivity, a multi-valued attribute matches when
/// any value matches, date-times compare as instants.
///
/// Two choices worth stating: `ne` is the negation of `eq`, so a resource without the attribute matches
/// `title ne "x"`; and `eq null` matches an absent attribute. Storage's SQL translation should agree.
extension SCIMFilter {
    public func matches(_ resource: JSONValue) -> Bool {
        evaluate(in: resource, element: nil)
    }

    /// Evaluates a value filter's inner expression against one element of the multi-valued attribute it
    /// belongs to (PATCH `emails[type eq "work"]`): sub-attribute paths read from `element`.
    func matches(element: JSONValue) -> Bool {
        evaluate(in: .object([:]), element: element)
    }

    private func evaluate(in resource: JSONValue, element: JSONValue?) -> Bool {
        switch self {
        case .and(let left, let right):
            return left.evaluate(in: resource, element: element) && right.evaluate(in: resource, element: element)
        case .or(let left, let right):
            return left.evaluate(in: resource, element: element) || right.evaluate(in: resource, element: element)
        case .not(let inner):
            return !inner.evaluate(in: resource, element: element)
        case .present(let path):
            return Self.values(of: path, in: resource, element: element).contains { Self.isPresent($0) }
        case .valuePath(let path, let inner):
            let container = Self.container(of: path, in: resource)
            guard let attribute = container?.member(named: path.attribute)?.value else { return false }
            let elements = attribute.arrayValue ?? [attribute]
            return elements.contains { inner.evaluate(in: resource, element: $0) }
        case .compare(let path, let comparison, let expected):
            let actual = Self.values(of: path, in: resource, element: element)
            let attribute = path.definition
            switch comparison {
            case .eq:
                if expected.isNull { return !actual.contains { Self.isPresent($0) } }
                return actual.contains { Self.equal($0, expected, attribute) }
            case .ne:
                if expected.isNull { return actual.contains { Self.isPresent($0) } }
                return !actual.contains { Self.equal($0, expected, attribute) }
            default:
                return actual.contains { Self.satisfies($0, comparison, expected, attribute) }
            }
        }
    }

    /// The object holding the attribute: the resource itself for core and common attributes, the
    /// extension object (keyed by its URN) otherwise.
    private static func container(of path: SCIMAttributePath, in resource: JSONValue) -> JSONValue? {
        path.isCoreSchema ? resource : resource.member(named: path.schemaURN)?.value
    }

    private static func values(of path: SCIMAttributePath, in resource: JSONValue, element: JSONValue?) -> [JSONValue] {
        if let element {
            guard let sub = path.subAttribute else { return flatten(element) }
            return flatten(element.member(named: sub)?.value)
        }
        guard let top = container(of: path, in: resource)?.member(named: path.attribute)?.value else { return [] }
        guard let sub = path.subAttribute else { return flatten(top) }
        return (top.arrayValue ?? [top]).flatMap { flatten($0.member(named: sub)?.value) }
    }

    private static func flatten(_ value: JSONValue?) -> [JSONValue] {
        switch value {
        case .none, .some(.null): return []
        case .some(.array(let elements)): return elements.filter { !$0.isNull }
        case .some(let single): return [single]
        }
    }

    static func isPresent(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .string(let text): !text.isEmpty
        case .array(let elements): !elements.isEmpty
        case .object(let members): !members.isEmpty
        default: true
        }
    }

    static func equal(_ actual: JSONValue, _ expected: JSONValue, _ attribute: SCIMAttribute) -> Bool {
        switch attribute.type {
        case .boolean:
            return booleanValue(actual) == expected.boolValue && expected.boolValue != nil
        case .integer, .decimal:
            guard let left = actual.doubleValue, let right = expected.doubleValue else { return false }
            return left == right
        case .dateTime:
            if let left = actual.stringValue.flatMap(SCIMDateTime.parse),
                let right = expected.stringValue.flatMap(SCIMDateTime.parse)
            {
                return left == right
            }
            return actual == expected
        default:
            guard let left = actual.stringValue, let right = expected.stringValue else { return actual == expected }
            return attribute.caseExact ? left == right : left.lowercased() == right.lowercased()
        }
    }

    private static func satisfies(
        _ actual: JSONValue, _ comparison: SCIMComparison, _ expected: JSONValue, _ attribute: SCIMAttribute
    ) -> Bool {
        switch attribute.type {
        case .integer, .decimal:
            guard let left = actual.doubleValue, let right = expected.doubleValue else { return false }
            return order(left, right, comparison)
        case .dateTime:
            guard let left = actual.stringValue.flatMap(SCIMDateTime.parse),
                let right = expected.stringValue.flatMap(SCIMDateTime.parse)
            else { return false }
            return order(left, right, comparison)
        case .boolean, .complex:
            return false
        default:
            guard var left = actual.stringValue, var right = expected.stringValue else { return false }
            if !attribute.caseExact {
                left = left.lowercased()
                right = right.lowercased()
            }
            switch comparison {
            case .co: return left.contains(right)
            case .sw: return left.hasPrefix(right)
            case .ew: return left.hasSuffix(right)
            default: return order(left, right, comparison)
            }
        }
    }

    private static func order<T: Comparable>(_ left: T, _ right: T, _ comparison: SCIMComparison) -> Bool {
        switch comparison {
        case .gt: left > right
        case .ge: left >= right
        case .lt: left < right
        case .le: left <= right
        case .eq: left == right
        case .ne: left != right
        case .co, .sw, .ew: false
        }
    }

    /// Stored booleans are canonical, but an unnormalised resource may still hold Entra's "True".
    private static func booleanValue(_ value: JSONValue) -> Bool? {
        if let flag = value.boolValue { return flag }
        switch value.stringValue?.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}
