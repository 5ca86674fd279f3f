import Foundation

extension UInt8: PostgresArrayElement {
    /// `[UInt8]` is `bytea`, not an array of small integers.
    public static func postgresBind(forArray elements: [UInt8]) -> PostgresBind {
        PostgresBind(text: PostgresByteaFormat.format(elements), type: .bytea)
    }

    public static var postgresArrayDataType: PostgresDataType { .bytea }

    public static func decodeArray(postgresText: String) throws -> [UInt8] {
        try PostgresByteaFormat.parse(postgresText)
    }
}

extension String: PostgresArrayElement {
    public static func postgresBind(forArray elements: [String]) -> PostgresBind {
        PostgresBind(text: PostgresArrayLiteral.format(elements), type: .textArray)
    }

    public static var postgresArrayDataType: PostgresDataType { .textArray }

    public static func decodeArray(postgresText: String) throws -> [String] {
        try PostgresArrayLiteral.parse(postgresText).map { element in
            guard let element else { throw PostgresDecodingFailure(reason: "NULL array element") }
            return element
        }
    }
}

extension UUID: PostgresArrayElement {
    public static func postgresBind(forArray elements: [UUID]) -> PostgresBind {
        PostgresBind(text: PostgresArrayLiteral.format(elements.map { $0.uuidString.lowercased() }), type: .uuidArray)
    }

    public static var postgresArrayDataType: PostgresDataType { .uuidArray }

    public static func decodeArray(postgresText: String) throws -> [UUID] {
        try String.decodeArray(postgresText: postgresText).map(UUID.decode(postgresText:))
    }
}

extension Int: PostgresArrayElement {
    public static func postgresBind(forArray elements: [Int]) -> PostgresBind {
        PostgresBind(text: PostgresArrayLiteral.format(elements.map(String.init)), type: .int8Array)
    }

    public static var postgresArrayDataType: PostgresDataType { .int8Array }

    public static func decodeArray(postgresText: String) throws -> [Int] {
        try String.decodeArray(postgresText: postgresText).map(Int.decode(postgresText:))
    }
}
