/// Every failure of the Postgres layer. `description` is generic on purpose: it never holds server text,
/// SQL or bind values, so it is safe in an HTTP response or a log line. `serverMessage` is for logs only.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case connectionFailed, connectionLost, queryFailed, poolTimeout, poolClosed, decodingFailed
            case missingColumn, invalidQuery
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// A new connection could not be opened.
        public static let connectionFailed = Code(.connectionFailed)
        /// An open connection broke (server restart, network failure, backend terminated).
        public static let connectionLost = Code(.connectionLost)
        /// The server rejected a statement; see `sqlState`.
        public static let queryFailed = Code(.queryFailed)
        /// No connection became free within `PostgresConfiguration.acquireTimeout`.
        public static let poolTimeout = Code(.poolTimeout)
        /// The pool was closed.
        public static let poolClosed = Code(.poolClosed)
        /// A column value was NULL where a value was required, or its text did not parse as the type.
        public static let decodingFailed = Code(.decodingFailed)
        /// The result has no column of the requested name.
        public static let missingColumn = Code(.missingColumn)
        /// The query was malformed before it reached the server (a placeholder without a bind), or a
        /// transaction body ended the transaction itself.
        public static let invalidQuery = Code(.invalidQuery)

        public var description: String {
            base.rawValue
        }
    }

    public let code: Code
    public let sqlState: SQLState?
    /// The server's or libpq's own text; may quote data, so it belongs in logs only.
    public let serverMessage: String?
    /// The constraint the server named, such as `users_tenant_id_user_name_key`.
    public let constraint: String?
    /// The column a decoding failure concerns.
    public let column: String?

    public init(
        code: Code, sqlState: SQLState? = nil, serverMessage: String? = nil, constraint: String? = nil,
        column: String? = nil
    ) {
        self.code = code
        self.sqlState = sqlState
        self.serverMessage = serverMessage
        self.constraint = constraint
        self.column = column
    }

    /// True when the connection that produced this error cannot be used again.
    public var isConnectionFailure: Bool {
        code == .connectionFailed || code == .connectionLost
    }

    public var description: String {
        switch code {
        case .connectionFailed: return "PostgreSQL connection could not be opened"
        case .connectionLost: return "PostgreSQL connection was lost" + (sqlState.map { " (\($0))" } ?? "")
        case .queryFailed: return "PostgreSQL query failed" + (sqlState.map { " (\($0))" } ?? "")
        case .poolTimeout: return "Timed out waiting for a PostgreSQL connection"
        case .poolClosed: return "PostgreSQL connection pool is closed"
        case .decodingFailed: return "PostgreSQL column \(column.map { "\"\($0)\"" } ?? "value") could not be decoded"
        case .missingColumn: return "PostgreSQL result has no column \(column.map { "\"\($0)\"" } ?? "of that name")"
        case .invalidQuery: return "PostgreSQL query is malformed"
        default: return "PostgreSQL error (\(code))"
        }
    }
}
