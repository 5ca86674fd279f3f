/// An element type whose Swift array has a PostgreSQL form. Swift allows `Array` one conformance to a
/// protocol, so the element chooses the form: `[UInt8]` is `bytea`, `[String]` is `text[]`, `[UUID]` is
/// `uuid[]`, `[Int]` is `int8[]`.
public protocol PostgresArrayElement: Sendable {
    static func postgresBind(forArray elements: [Self]) -> PostgresBind
    static var postgresArrayDataType: PostgresDataType { get }
    static func decodeArray(postgresText: String) throws -> [Self]
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public var postgresBind: PostgresBind {
        Element.postgresBind(forArray: self)
    }

    public static var postgresDataType: PostgresDataType {
        Element.postgresArrayDataType
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static func decode(postgresText: String) throws -> [Element] {
        try Element.decodeArray(postgresText: postgresText)
    }
}
