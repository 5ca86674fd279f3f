/// One `$n` parameter: its value in PostgreSQL text format, or NULL, and the type OID sent with it.
/// `description` masks the value so a bind never reaches a log.
public struct PostgresBind: Sendable, Equatable, CustomStringConvertible {
    /// Text-format value; nil is SQL NULL.
    public var text: String?
    public var type: PostgresDataType

    public init(text: String?, type: PostgresDataType = .unspecified) {
        self.text = text
        self.type = type
    }

    /// SQL NULL whose type the server infers.
    public static let null = PostgresBind(text: nil)

    public var description: String {
        text == nil ? "NULL" : "****"
    }
}
