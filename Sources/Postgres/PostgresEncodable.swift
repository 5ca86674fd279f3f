/// A Swift value that can be sent as a `$n` bind in PostgreSQL text format.
public protocol PostgresEncodable: Sendable {
    var postgresBind: PostgresBind { get }

    /// The type OID a NULL of this type is sent with, so `Optional.none` keeps its type.
    static var postgresDataType: PostgresDataType { get }
}

extension PostgresEncodable {
    public static var postgresDataType: PostgresDataType {
        .unspecified
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresBind: PostgresBind {
        switch self {
        case .some(let value): return value.postgresBind
        case .none: return PostgresBind(text: nil, type: Wrapped.postgresDataType)
        }
    }

    public static var postgresDataType: PostgresDataType {
        Wrapped.postgresDataType
    }
}
