import Foundation
import HTTPServer

/// The dashboard's two cookies, both `HttpOnly`, scoped to `/dashboard`, and `Secure` behind TLS.
///
/// - `scimgw_dashboard`: the dashboard session, an opaque random value whose SHA-256 alone is stored. `SameSite=Lax`
///   keeps it off cross-site posts; every form carries the session's synchronizer token besides.
/// - `scimgw_dashboard_form`: before anyone is signed in, the one-time-link form's own token (double submit), so
///   another site cannot sign a browser in with a link of its choosing. `SameSite=Strict`, fifteen minutes.
enum DashboardCookie {
    static let session = "scimgw_dashboard"
    static let form = "scimgw_dashboard_form"
    static let path = "/dashboard"

    /// The cookie's value in the request, if any and plausibly ours.
    static func value(_ name: String, in request: HTTPRequest) -> String? {
        request.cookie(named: name, lengths: 16...256)
    }

    static func set(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> String {
        let sameSite = name == form ? "Strict" : "Lax"
        return "\(name)=\(value); Path=\(path); Max-Age=\(maxAge); HttpOnly; SameSite=\(sameSite)"
            + (secure ? "; Secure" : "")
    }

    static func cleared(_ name: String, secure: Bool) -> String {
        set(name, "", maxAge: 0, secure: secure)
    }
}
