/// Why a dashboard request cannot go on, worded for the administrator in front of the browser. The router turns it
/// into a page with the status its code implies; causes of unexpected failures go to the log, never to the page.
struct DashboardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, as an extensible set of codes, each with the HTTP status it answers with.
    struct Code: Hashable, Sendable, CustomStringConvertible {
        let rawValue: String
        let status: Int

        init(_ rawValue: String, status: Int) {
            self.rawValue = rawValue
            self.status = status
        }

        static let notFound = Code("not_found", status: 404)
        static let methodNotAllowed = Code("method_not_allowed", status: 405)
        /// Signed in, but the role lacks a permission the dashboard needs.
        static let forbidden = Code("forbidden", status: 403)
        /// A post without the session's synchronizer token, or from another origin.
        static let forgedRequest = Code("forged_request", status: 403)
        static let invalidForm = Code("invalid_form", status: 400)
        /// A one-time link that is unknown, used or expired.
        static let linkInvalid = Code("link_invalid", status: 400)
        static let conflict = Code("conflict", status: 409)

        var description: String { rawValue }
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { "\(code): \(message)" }

    static let forged = DashboardError(
        .forgedRequest,
        "This form was not sent from a page of this dashboard session, so nothing was changed. Reload the page and "
            + "try again.")
}
