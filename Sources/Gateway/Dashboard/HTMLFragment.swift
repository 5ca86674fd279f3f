/// Markup built for the dashboard: text interpolated into it is escaped, other fragments are kept as they are, so a
/// value from the database or a form can never become markup.
///
/// Escaping covers `& < > " '`, which makes interpolations safe in element content and in quoted attribute values;
/// URLs put in `href` are built from fixed paths, ids and percent-encoded query values only.
struct HTMLFragment: Sendable, Equatable, ExpressibleByStringInterpolation {
    private(set) var markup: String

    init(stringLiteral value: String) {
        markup = value
    }

    init(stringInterpolation: StringInterpolation) {
        markup = stringInterpolation.markup
    }

    /// Markup known to be safe, such as a fixed SVG icon.
    init(trusted markup: String) {
        self.markup = markup
    }

    static let empty: HTMLFragment = ""

    /// The fragments one after another.
    static func join(_ fragments: some Sequence<HTMLFragment>, separator: HTMLFragment = "") -> HTMLFragment {
        HTMLFragment(trusted: fragments.map(\.markup).joined(separator: separator.markup))
    }

    static func + (lhs: HTMLFragment, rhs: HTMLFragment) -> HTMLFragment {
        HTMLFragment(trusted: lhs.markup + rhs.markup)
    }

    static func += (lhs: inout HTMLFragment, rhs: HTMLFragment) {
        lhs.markup += rhs.markup
    }

    /// `text` with the five characters that matter in HTML replaced by references.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) {
            markup += literal
        }

        /// Text, escaped.
        mutating func appendInterpolation(_ text: String) {
            markup += HTMLFragment.escape(text)
        }

        /// Text, escaped; nothing for nil.
        mutating func appendInterpolation(_ text: String?) {
            if let text { markup += HTMLFragment.escape(text) }
        }

        mutating func appendInterpolation(_ number: Int) {
            markup += String(number)
        }

        mutating func appendInterpolation(_ fragment: HTMLFragment) {
            markup += fragment.markup
        }

        mutating func appendInterpolation(_ fragments: [HTMLFragment]) {
            for fragment in fragments { markup += fragment.markup }
        }
    }
}
