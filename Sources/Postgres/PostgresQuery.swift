/// SQL whose every interpolated value becomes a `$n` bind. Build it with string interpolation:
/// `"SELECT * FROM users WHERE tenant_id = \(tenantID) AND lower(user_name) = lower(\(name))"`.
/// `\(unescaped: "ORDER BY created_at")` inserts trusted SQL text (allowlisted fragments only; it must not
/// contain `$n` placeholders). `\(fragment: other)` and `append(_:)` splice another query in, renumbering
/// its binds. Values never become SQL text, so interpolation cannot inject SQL.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Segment: Sendable, Equatable {
        case sql(String)
        /// Index into `binds`, rendered as `$(index + 1)`.
        case bind(Int)
    }

    private(set) var segments: [Segment]
    public private(set) var binds: [PostgresBind]
    /// Why the query cannot be sent, found while building it; `PostgresConnection.query` throws
    /// `PostgresError.Code.invalidQuery` for it.
    private(set) var problem: String?

    /// The SQL text with `$1…$n` placeholders.
    public var sql: String {
        var text = ""
        for segment in segments {
            switch segment {
            case .sql(let part): text += part
            case .bind(let index): text += "$\(index + 1)"
            }
        }
        return text
    }

    /// SQL already written with `$1…$n` placeholders, and its binds in placeholder order. Placeholders are
    /// found by a scanner that skips string literals, quoted identifiers, dollar quotes and comments, so the
    /// query can still be appended to another.
    public init(unsafeSQL: String, binds: [PostgresBind] = []) {
        let scanned = PostgresPlaceholderScanner.scan(unsafeSQL, bindCount: binds.count)
        segments = scanned.segments
        self.binds = binds
        problem = scanned.problem
    }

    public init(stringLiteral value: String) {
        segments = value.isEmpty ? [] : [.sql(value)]
        binds = []
    }

    public init(stringInterpolation: StringInterpolation) {
        self = stringInterpolation.query
    }

    init() {
        segments = []
        binds = []
    }

    /// Appends `other` after this query's text with no separator, renumbering its binds.
    public mutating func append(_ other: PostgresQuery) {
        let offset = binds.count
        for segment in other.segments {
            switch segment {
            case .sql(let text): appendSQL(text)
            case .bind(let index): segments.append(.bind(index + offset))
            }
        }
        binds += other.binds
        problem = problem ?? other.problem
    }

    public static func + (lhs: PostgresQuery, rhs: PostgresQuery) -> PostgresQuery {
        var result = lhs
        result.append(rhs)
        return result
    }

    mutating func appendSQL(_ text: String) {
        guard !text.isEmpty else { return }
        if case .sql(let previous) = segments.last {
            segments[segments.count - 1] = .sql(previous + text)
        } else {
            segments.append(.sql(text))
        }
    }

    mutating func appendBind(_ bind: PostgresBind) {
        segments.append(.bind(binds.count))
        binds.append(bind)
    }

    /// The SQL and the number of binds; never the values.
    public var description: String {
        "\(sql) [\(binds.count) binds]"
    }
}
