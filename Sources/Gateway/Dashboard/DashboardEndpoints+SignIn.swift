import Foundation
import HTTPServer

extension DashboardEndpoints {
    /// How long the sign-in form's double-submit cookie lives (seconds).
    static let signInFormLifetime = 15 * 60

    /// `GET /dashboard`: Governance → User Provisioning, the first step of the setup guide.
    func home(_ context: inout DashboardContext) -> HTTPResponse {
        DashboardResponse.redirect(to: "/dashboard/providers")
    }

    /// `GET /dashboard/assets/{file}`: the stylesheet, the copy-button script and the icon, served as files so the
    /// Content-Security-Policy needs no inline code.
    func asset(_ context: DashboardContext) throws -> HTTPResponse {
        switch context.parameters["file"] {
        case "dashboard.css":
            return DashboardResponse.asset(
                DashboardStylesheet.bytes, contentType: "text/css; charset=utf-8", etag: DashboardStylesheet.etag,
                request: context.request)
        case "dashboard.js":
            return DashboardResponse.asset(
                DashboardScript.bytes, contentType: "text/javascript; charset=utf-8", etag: DashboardScript.etag,
                request: context.request)
        case "icon.svg":
            return DashboardResponse.asset(
                DashboardFavicon.bytes, contentType: "image/svg+xml", etag: DashboardFavicon.etag,
                request: context.request)
        default:
            throw DashboardError(.notFound, "There is no such file.")
        }
    }

    /// `GET /dashboard/sign-in`: how to sign in, and the one-time code form for the first administrator.
    func signInPage(_ context: inout DashboardContext) throws -> HTTPResponse {
        if (try? authenticator.principal(for: context.request)) != nil {
            return DashboardResponse.redirect(to: "/dashboard/providers")
        }
        return try signInForm(&context, error: nil, status: 200)
    }

    /// `POST /dashboard/sign-in`: uses a one-time link's code and opens a dashboard session.
    func signInWithLink(_ context: inout DashboardContext) throws -> HTTPResponse {
        let form = try context.posted
        try DashboardForgeryGuard.checkDoubleSubmit(context.request, form: form, baseURL: context.baseURL)
        guard let code = form.text("code"),
            let (_, cookie) = try authenticator.openFromLink(code: code, secure: context.secure)
        else {
            return try signInForm(
                &context,
                error: "This sign-in code is unknown, was already used, or has expired (codes last 15 minutes). Run "
                    + "scim-gateway dashboard link again for a new one.",
                status: 400)
        }
        context.cookies.append(cookie)
        context.cookies.append(DashboardCookie.cleared(DashboardCookie.form, secure: context.secure))
        return DashboardResponse.redirect(to: "/dashboard/providers")
    }

    /// `POST /dashboard/sign-out`: ends the dashboard session and the OIDC session it rides on.
    func signOut(_ context: inout DashboardContext) throws -> HTTPResponse {
        try authenticator.signOut(try context.administrator)
        context.cookies.append(DashboardCookie.cleared(DashboardCookie.session, secure: context.secure))
        context.cookies.append(SessionCookie.cleared(secure: context.secure))
        return DashboardResponse.redirect(to: "/dashboard/sign-in?notice=\(DashboardNotice.signedOut.rawValue)")
    }

    private func signInForm(_ context: inout DashboardContext, error: String?, status: Int) throws -> HTTPResponse {
        let formToken = try DashboardForgeryGuard.makeToken()
        context.cookies.append(
            DashboardCookie.set(
                DashboardCookie.form, formToken, maxAge: Self.signInFormLifetime, secure: context.secure))
        return DashboardResponse.page(
            DashboardSignInView.render(formToken: formToken, notice: context.notice, error: error), status: status)
    }
}
