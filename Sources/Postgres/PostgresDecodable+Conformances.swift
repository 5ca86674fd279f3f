import Foundation

extension String: PostgresDecodable {
    public static func decode(postgresText: String) throws -> String {
        postgresText
    }
}

extension Int: PostgresDecodable {
    public static func decode(postgresText: String) throws -> Int {
        guard let value = Int(postgresText) else { throw PostgresDecodingFailure(reason: "not an integer") }
        return value
    }
}

extension Int64: PostgresDecodable {
    public static func decode(postgresText: String) throws -> Int64 {
        guard let value = Int64(postgresText) else { throw PostgresDecodingFailure(reason: "not an integer") }
        return value
    }
}

extension Int32: PostgresDecodable {
    public static func decode(postgresText: String) throws -> Int32 {
        guard let value = Int32(postgresText) else {
            throw PostgresDecodingFailure(reason: "not a 32-bit integer")
        }
        return value
    }
}

extension Bool: PostgresDecodable {
    public static func decode(postgresText: String) throws -> Bool {
        switch postgresText {
        case "t", "true": return true
        case "f", "false": return false
        default: throw PostgresDecodingFailure(reason: "not a boolean")
        }
    }
}

extension Double: PostgresDecodable {
    /// Reads float4, float8 and numeric text, including `NaN` and `±Infinity`.
    public static func decode(postgresText: String) throws -> Double {
        switch postgresText {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(postgresText) else { throw PostgresDecodingFailure(reason: "not a number") }
            return value
        }
    }
}

extension UUID: PostgresDecodable {
    public static func decode(postgresText: String) throws -> UUID {
        guard let value = UUID(uuidString: postgresText) else { throw PostgresDecodingFailure(reason: "not a UUID") }
        return value
    }
}

extension Date: PostgresDecodable {
    public static func decode(postgresText: String) throws -> Date {
        try PostgresTimestampFormat.parse(postgresText)
    }
}

extension Data: PostgresDecodable {
    public static func decode(postgresText: String) throws -> Data {
        Data(try PostgresByteaFormat.parse(postgresText))
    }
}
