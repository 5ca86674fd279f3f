import Foundation

/// A rule's `value`, parsed once: which found values it matches and what it captures for the target.
///
/// The contract is spelled out on `MappingRule`; this type only implements it.
struct MappingPattern: Sendable {
    static let placeholder = "${*}"

    private enum Form {
        case any
        case literal([String])
        case template(prefix: [String], suffix: [String])
        /// An empty value, or one holding more than one `${*}`: matches nothing.
        case unusable
    }

    private let form: Form

    init(_ value: String) {
        guard let text = GovernanceNames.normalized(value) else {
            form = .unusable
            return
        }
        let parts = text.components(separatedBy: Self.placeholder)
        switch parts.count {
        case 1:
            form = text == "*" ? .any : .literal(GovernanceNames.folded(text))
        case 2:
            form = .template(prefix: GovernanceNames.folded(parts[0]), suffix: GovernanceNames.folded(parts[1]))
        default:
            form = .unusable
        }
    }

    /// Whether the pattern can match anything at all.
    var isUsable: Bool {
        if case .unusable = form { return false }
        return true
    }

    /// The capture when `found` (already trimmed, non-empty) matches: the template's `${*}` part, trimmed and
    /// non-empty, or the whole found value for `*` and literal values. Nil when it does not match.
    func capture(in found: String) -> String? {
        switch form {
        case .any:
            return found
        case .literal(let folded):
            return GovernanceNames.folded(found) == folded ? found : nil
        case .template(let prefix, let suffix):
            let characters = Array(found)
            guard characters.count > prefix.count + suffix.count else { return nil }
            let head = characters[..<prefix.count].map { $0.lowercased() }
            let tail = characters[(characters.count - suffix.count)...].map { $0.lowercased() }
            guard head == prefix, tail == suffix else { return nil }
            return GovernanceNames.normalized(String(characters[prefix.count..<(characters.count - suffix.count)]))
        case .unusable:
            return nil
        }
    }

    /// The name a rule's `target` gives: `*` is the found value, otherwise each `${*}` becomes the capture.
    /// Nil when the result is empty.
    static func render(target: String, found: String, capture: String) -> String? {
        guard let target = GovernanceNames.normalized(target) else { return nil }
        if target == "*" { return found }
        return GovernanceNames.normalized(target.replacingOccurrences(of: placeholder, with: capture))
    }
}
