/// Canonical filter text: canonical attribute names, lower-case operators, JSON string literals and only
/// the parentheses precedence needs. Parsing the text gives back an equal filter, so it can be logged or
/// carried in a cursor.
extension SCIMFilter: CustomStringConvertible {
    public var description: String {
        render(scope: nil)
    }

    private func render(scope: SCIMAttributePath?) -> String {
        switch self {
        case .compare(let path, let comparison, let value):
            return "\(Self.name(of: path, scope: scope)) \(comparison.rawValue) \(value.serializedString)"
        case .present(let path):
            return "\(Self.name(of: path, scope: scope)) pr"
        case .and(let left, let right):
            let leftText = left.isOr ? "(\(left.render(scope: scope)))" : left.render(scope: scope)
            let rightText = right.isOr || right.isAnd ? "(\(right.render(scope: scope)))" : right.render(scope: scope)
            return "\(leftText) and \(rightText)"
        case .or(let left, let right):
            let rightText = right.isOr ? "(\(right.render(scope: scope)))" : right.render(scope: scope)
            return "\(left.render(scope: scope)) or \(rightText)"
        case .not(let inner):
            return "not (\(inner.render(scope: scope)))"
        case .valuePath(let path, let inner):
            return "\(Self.name(of: path, scope: nil))[\(inner.render(scope: path))]"
        }
    }

    /// Inside a value filter, names are the outer attribute's sub-attributes.
    private static func name(of path: SCIMAttributePath, scope: SCIMAttributePath?) -> String {
        if scope != nil, let sub = path.subAttribute { return sub }
        return path.description
    }

    private var isOr: Bool {
        if case .or = self { return true }
        return false
    }

    private var isAnd: Bool {
        if case .and = self { return true }
        return false
    }
}
