import Foundation
import HTTPServer

/// The session cookie: an opaque random value, `HttpOnly`, `SameSite=Lax`, and `Secure` behind TLS.
///
/// Also the sign-in state cookie: `login` sets it to the `state` it sends the browser to the IdP with, scoped to the
/// callback, and the callback goes on only when its `state` is this browser's. Without it, a callback URL that an
/// attacker started and approved at their IdP would sign whoever opens it in as the attacker (login CSRF, RFC 6749
/// §10.12). `SameSite=Lax` still sends it on the IdP's redirect, a top-level GET.
enum SessionCookie {
    static let name = "scimgw_session"
    static let stateName = "scimgw_sign_in_state"
    static let statePath = "/auth/oidc/callback"

    /// The session cookie's value in the request, if any.
    static func value(in request: HTTPRequest) -> String? {
        value(named: name, in: request)
    }

    static func value(named cookie: String, in request: HTTPRequest) -> String? {
        request.cookie(named: cookie, lengths: 1...512)
    }

    static func setState(_ state: String, secure: Bool, maxAge: Int) -> String {
        "\(stateName)=\(state); Path=\(statePath); Max-Age=\(maxAge); HttpOnly; SameSite=Lax"
            + (secure ? "; Secure" : "")
    }

    static func clearedState(secure: Bool) -> String {
        setState("", secure: secure, maxAge: 0)
    }

    static func set(_ value: String, secure: Bool, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    static func cleared(secure: Bool) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }
}
