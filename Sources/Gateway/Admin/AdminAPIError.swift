/// An admin API error: an HTTP status, a stable machine-readable code and a message safe to show the caller.
///
/// The body is always `{"error": {"code": …, "message": …}}`. Messages name fields and ids, never secrets, SQL or
/// a person's attribute values.
struct AdminAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, as an extensible set of codes; `status` is the HTTP status it answers with.
    struct Code: Hashable, Sendable {
        let rawValue: String
        let status: Int

        init(_ rawValue: String, status: Int) {
            self.rawValue = rawValue
            self.status = status
        }

        static let invalidRequest = Code("invalid_request", status: 400)
        static let invalidJSON = Code("invalid_json", status: 400)
        static let unknownField = Code("unknown_field", status: 400)
        static let invalidField = Code("invalid_field", status: 400)
        static let invalidParameter = Code("invalid_parameter", status: 400)
        static let unauthorized = Code("unauthorized", status: 401)
        static let forbidden = Code("forbidden", status: 403)
        static let notFound = Code("not_found", status: 404)
        static let methodNotAllowed = Code("method_not_allowed", status: 405)
        static let conflict = Code("conflict", status: 409)
        static let payloadTooLarge = Code("payload_too_large", status: 413)
        static let internalError = Code("internal", status: 500)
        static let unavailable = Code("unavailable", status: 503)
    }

    let status: Int
    let code: String
    let message: String

    init(_ code: Code, _ message: String) {
        status = code.status
        self.code = code.rawValue
        self.message = message
    }

    /// An error whose code comes from a lower layer (a store or rule code) with the status chosen for it.
    init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    var description: String { "AdminAPIError(\(status) \(code): \(message))" }

    static func field(_ name: String, _ expectation: String) -> AdminAPIError {
        AdminAPIError(.invalidField, "\(name) must be \(expectation).")
    }

    static func parameter(_ name: String, _ expectation: String) -> AdminAPIError {
        AdminAPIError(.invalidParameter, "The query parameter \(name) must be \(expectation).")
    }
}
