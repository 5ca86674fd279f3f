/// A PostgreSQL SQLSTATE code (PostgreSQL manual, appendix A). Open: any five-character code the server
/// sends can be represented; the constants name the ones this project reacts to.
public struct SQLState: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The two-character class, such as `23` for integrity constraint violations.
    public var errorClass: String {
        String(rawValue.prefix(2))
    }

    /// True for class 08 (connection exception) and for the shutdown codes 57P01–57P03: the connection
    /// cannot be used any more and a fresh one may succeed.
    public var isConnectionClass: Bool {
        errorClass == "08" || self == .adminShutdown || self == .crashShutdown || self == .cannotConnectNow
    }

    /// True when running the whole transaction again may succeed.
    public var isTransactionRetryable: Bool {
        self == .serializationFailure || self == .deadlockDetected
    }

    public var description: String {
        rawValue
    }
}

extension SQLState {
    public static let featureNotSupported = SQLState(rawValue: "0A000")
    public static let stringDataRightTruncation = SQLState(rawValue: "22001")
    public static let numericValueOutOfRange = SQLState(rawValue: "22003")
    public static let invalidDatetimeFormat = SQLState(rawValue: "22007")
    public static let datetimeFieldOverflow = SQLState(rawValue: "22008")
    public static let characterNotInRepertoire = SQLState(rawValue: "22021")
    public static let invalidParameterValue = SQLState(rawValue: "22023")
    public static let invalidTextRepresentation = SQLState(rawValue: "22P02")
    public static let notNullViolation = SQLState(rawValue: "23502")
    public static let foreignKeyViolation = SQLState(rawValue: "23503")
    public static let uniqueViolation = SQLState(rawValue: "23505")
    public static let checkViolation = SQLState(rawValue: "23514")
    public static let exclusionViolation = SQLState(rawValue: "23P01")
    public static let inFailedSQLTransaction = SQLState(rawValue: "25P02")
    public static let invalidSQLStatementName = SQLState(rawValue: "26000")
    public static let serializationFailure = SQLState(rawValue: "40001")
    public static let deadlockDetected = SQLState(rawValue: "40P01")
    public static let insufficientPrivilege = SQLState(rawValue: "42501")
    public static let syntaxError = SQLState(rawValue: "42601")
    public static let undefinedColumn = SQLState(rawValue: "42703")
    public static let undefinedTable = SQLState(rawValue: "42P01")
    public static let lockNotAvailable = SQLState(rawValue: "55P03")
    public static let queryCanceled = SQLState(rawValue: "57014")
    public static let adminShutdown = SQLState(rawValue: "57P01")
    public static let crashShutdown = SQLState(rawValue: "57P02")
    public static let cannotConnectNow = SQLState(rawValue: "57P03")
}
