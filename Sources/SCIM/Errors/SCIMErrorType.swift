/// The `scimType` of an error response (RFC 7644 §3.12). Open to new values: any raw string is accepted,
/// the RFC's values are named constants.
public struct SCIMErrorType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// The filter syntax was invalid or the attribute or operator is not supported.
    public static let invalidFilter = SCIMErrorType(rawValue: "invalidFilter")
    /// The filter yields more results than the server is willing to process.
    public static let tooMany = SCIMErrorType(rawValue: "tooMany")
    /// One or more attribute values are already in use or reserved.
    public static let uniqueness = SCIMErrorType(rawValue: "uniqueness")
    /// The change is incompatible with an attribute's mutability.
    public static let mutability = SCIMErrorType(rawValue: "mutability")
    /// The request body structure was invalid or did not conform to the request schema.
    public static let invalidSyntax = SCIMErrorType(rawValue: "invalidSyntax")
    /// The "path" attribute was invalid or malformed.
    public static let invalidPath = SCIMErrorType(rawValue: "invalidPath")
    /// The path did not yield an attribute or value that could be operated on.
    public static let noTarget = SCIMErrorType(rawValue: "noTarget")
    /// A required value was missing or a value was not compatible with the attribute.
    public static let invalidValue = SCIMErrorType(rawValue: "invalidValue")
    /// The protocol version is not supported.
    public static let invalidVers = SCIMErrorType(rawValue: "invalidVers")
    /// The request cannot be completed because of sensitive information in the request URI.
    public static let sensitive = SCIMErrorType(rawValue: "sensitive")
}
