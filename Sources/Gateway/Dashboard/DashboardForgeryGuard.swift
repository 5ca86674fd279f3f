import Crypto
import Foundation
import HTTPServer
import OIDC

/// Cross-site request forgery protection for every dashboard post.
///
/// The main defence is the synchronizer token: each dashboard session has a random token, stored with it and put in
/// a hidden field of every form; a post must bring it back, compared in constant time. Browsers that send `Origin`
/// or `Sec-Fetch-Site` must also name this origin, as a second line. Before anyone is signed in, the one-time-link
/// form uses a double-submitted token instead (a `SameSite=Strict` cookie and the same value in the form).
enum DashboardForgeryGuard {
    static let fieldName = "csrf_token"

    /// A new random token: 256 bits, base64url.
    static func makeToken() throws -> String {
        Base64URL.encode(try SecureRandom.bytes(count: 32))
    }

    /// Checks a signed-in post: the origin headers, then the session's token.
    static func check(
        _ request: HTTPRequest, form: DashboardForm, principal: DashboardPrincipal, baseURL: String
    ) throws {
        try checkOrigin(request, baseURL: baseURL)
        guard let sent = form[fieldName], matches(sent, principal.csrfToken) else { throw DashboardError.forged }
    }

    /// Checks the one-time-link post: the origin headers, then the cookie against the form field.
    static func checkDoubleSubmit(_ request: HTTPRequest, form: DashboardForm, baseURL: String) throws {
        try checkOrigin(request, baseURL: baseURL)
        guard let cookie = DashboardCookie.value(DashboardCookie.form, in: request), let sent = form[fieldName],
            matches(sent, cookie)
        else { throw DashboardError.forged }
    }

    /// `Sec-Fetch-Site` (Fetch Metadata) must be same-origin or none (typed by the person), and `Origin`, when sent,
    /// must name the host the request was sent to or the public base URL's. Browsers that send neither rely on the
    /// token alone.
    static func checkOrigin(_ request: HTTPRequest, baseURL: String) throws {
        if let site = request.headers["Sec-Fetch-Site"]?.lowercased(), site != "same-origin", site != "none" {
            throw DashboardError.forged
        }
        guard let origin = request.headers["Origin"] else { return }
        let allowed = [request.headers["Host"]?.lowercased(), authority(baseURL)].compactMap { $0 }
        guard let sent = authority(origin), allowed.contains(sent) else { throw DashboardError.forged }
    }

    /// `host[:port]` of a URL, lower-cased; nil for `null` and other opaque origins.
    private static func authority(_ text: String) -> String? {
        guard let url = URL(string: text), let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return url.port.map { "\(bracketed):\($0)" } ?? bracketed
    }

    private static func matches(_ sent: String, _ expected: String) -> Bool {
        ConstantTime.equals(Array(sent.utf8), Array(expected.utf8))
    }
}
