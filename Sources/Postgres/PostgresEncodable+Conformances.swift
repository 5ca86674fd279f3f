import Foundation

extension String: PostgresEncodable {
    /// Sent without a type so the server reads it as whatever the context needs (text, uuid, jsonb, an
    /// enum); a malformed value then fails with `SQLState.invalidTextRepresentation`.
    public var postgresBind: PostgresBind { PostgresBind(text: self) }
}

extension Int: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(text: String(self), type: .int8) }
    public static var postgresDataType: PostgresDataType { .int8 }
}

extension Int64: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(text: String(self), type: .int8) }
    public static var postgresDataType: PostgresDataType { .int8 }
}

extension Int32: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(text: String(self), type: .int4) }
    public static var postgresDataType: PostgresDataType { .int4 }
}

extension Bool: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(text: self ? "t" : "f", type: .bool) }
    public static var postgresDataType: PostgresDataType { .bool }
}

extension Double: PostgresEncodable {
    public var postgresBind: PostgresBind {
        let text: String
        if isNaN {
            text = "NaN"
        } else if isInfinite {
            text = self < 0 ? "-Infinity" : "Infinity"
        } else {
            text = String(self)
        }
        return PostgresBind(text: text, type: .float8)
    }

    public static var postgresDataType: PostgresDataType { .float8 }
}

extension UUID: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(text: uuidString.lowercased(), type: .uuid) }
    public static var postgresDataType: PostgresDataType { .uuid }
}

extension Date: PostgresEncodable {
    /// Whole microseconds, PostgreSQL's precision; finer parts are rounded.
    public var postgresBind: PostgresBind {
        PostgresBind(text: PostgresTimestampFormat.format(self), type: .timestamptz)
    }

    public static var postgresDataType: PostgresDataType { .timestamptz }
}

extension Data: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(text: PostgresByteaFormat.format(self), type: .bytea) }
    public static var postgresDataType: PostgresDataType { .bytea }
}
