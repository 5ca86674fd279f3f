import HTTPServer

/// The dashboard's answers, each with the security headers every page carries.
///
/// The Content-Security-Policy allows scripts, styles and images from this origin only and no inline code at all,
/// so markup injected into a page could neither run nor restyle it; forms may post only here, and no other site may
/// frame a page (`frame-ancestors 'none'` and `X-Frame-Options: DENY` for older browsers). Pages are never cached,
/// since some hold a provisioning token or a person's data. `Referrer-Policy: same-origin` rather than `no-referrer`:
/// under `no-referrer` browsers send `Origin: null` with a form post, which `DashboardForgeryGuard` would refuse, and
/// no dashboard URL carries a secret a referrer could leak.
enum DashboardResponse {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func page(_ document: HTMLFragment, status: Int = 200) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: headers(contentType: "text/html; charset=utf-8", cache: "no-store"),
            body: Array(document.markup.utf8))
    }

    /// 303 See Other to a path of this origin: after a form, the browser fetches the next page with GET.
    static func redirect(to path: String) -> HTTPResponse {
        var headers = headers(contentType: "text/plain; charset=utf-8", cache: "no-store")
        headers.add(name: "Location", value: path)
        return HTTPResponse(status: 303, headers: headers, body: Array("See \(path)\n".utf8))
    }

    /// A static file; `revalidate` answers 304 to a matching `If-None-Match`.
    static func asset(_ body: [UInt8], contentType: String, etag: String, request: HTTPRequest) -> HTTPResponse {
        var headers = headers(contentType: contentType, cache: "public, max-age=300, must-revalidate")
        headers.add(name: "ETag", value: etag)
        if request.headers["If-None-Match"] == etag { return HTTPResponse(status: 304, headers: headers) }
        return HTTPResponse(status: 200, headers: headers, body: body)
    }

    static func plain(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: headers(contentType: "text/plain; charset=utf-8", cache: "no-store"),
            body: Array((text + "\n").utf8))
    }

    static func headers(contentType: String, cache: String) -> HTTPHeaders {
        HTTPHeaders([
            ("Content-Type", contentType), ("Cache-Control", cache),
            ("Content-Security-Policy", contentSecurityPolicy), ("X-Frame-Options", "DENY"),
            ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"), ("Cross-Origin-Resource-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
        ])
    }
}
