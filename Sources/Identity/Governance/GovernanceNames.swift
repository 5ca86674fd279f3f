import Foundation

/// How governance names and rule texts compare: trimmed of surrounding white space, then character by character
/// ignoring case (each `Character` lowercased), so `Sales`, ` sales ` and `SALES` are one name.
enum GovernanceNames {
    /// The text trimmed of surrounding white space, or nil when nothing is left.
    static func normalized(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The comparison key of a text: each character lowercased.
    static func folded(_ text: some StringProtocol) -> [String] {
        text.map { $0.lowercased() }
    }

    static func equal(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
        folded(lhs) == folded(rhs)
    }

    static func hasPrefix(_ text: some StringProtocol, _ prefix: some StringProtocol) -> Bool {
        folded(text).starts(with: folded(prefix))
    }

    /// Normalized names without empties or case-insensitive repeats, keeping the first spelling and the order.
    static func unique(_ names: [String]) -> [String] {
        var seen: Set<[String]> = []
        return names.compactMap(normalized).filter { seen.insert(folded($0)).inserted }
    }
}
