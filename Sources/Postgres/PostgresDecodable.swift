/// A Swift value that can be read from a column in PostgreSQL text format.
public protocol PostgresDecodable {
    static func decode(postgresText: String) throws -> Self

    /// The value a SQL NULL decodes to; throws for every type except `Optional`.
    static func decodePostgresNull() throws -> Self
}

extension PostgresDecodable {
    public static func decodePostgresNull() throws -> Self {
        throw PostgresDecodingFailure(reason: "NULL where a value is required")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(postgresText: String) throws -> Self {
        try Wrapped.decode(postgresText: postgresText)
    }

    public static func decodePostgresNull() throws -> Self {
        nil
    }
}

/// Why a text value did not decode. `PostgresRow` turns it into `PostgresError.Code.decodingFailed` with the
/// column name; the reason never quotes the value.
public struct PostgresDecodingFailure: Error, Sendable, CustomStringConvertible {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String {
        reason
    }
}
