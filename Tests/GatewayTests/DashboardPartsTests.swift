import Foundation
import HTTPServer
import Testing

@testable import Gateway

/// The dashboard's pieces as pure functions: escaping, form decoding, routing, origin checks, cookies.
@Suite("Dashboard parts")
struct DashboardPartsTests {
    @Test(
        "interpolated text is escaped; fragments are kept",
        arguments: [
            ("<b>", "&lt;b&gt;"), ("a & b", "a &amp; b"), ("\"quoted\"", "&quot;quoted&quot;"), ("it's", "it&#39;s"),
            ("plain", "plain"), ("Zoë 😀", "Zoë 😀"),
        ])
    func escaping(text: String, escaped: String) {
        let fragment: HTMLFragment = "<p title=\"\(text)\">\(text)</p>"
        #expect(fragment.markup == "<p title=\"\(escaped)\">\(escaped)</p>")
        let nested: HTMLFragment = "<div>\(fragment)</div>"
        #expect(nested.markup == "<div>" + fragment.markup + "</div>")
    }

    @Test(
        "form bodies decode plus as space and percent escapes as UTF-8",
        arguments: [
            ("name=Acme+Okta", "name", "Acme Okta"), ("name=Zo%C3%AB", "name", "Zoë"),
            ("a=1&name=x%26y", "name", "x&y"),
            ("name=", "name", ""), ("name", "name", ""), ("name=%ZZ", "name", "%ZZ"), ("name=100%", "name", "100%"),
            ("name=a=b", "name", "a=b"),
        ])
    func formDecoding(body: String, field: String, value: String) throws {
        let request = HTTPRequest(
            method: "POST", target: "/dashboard/providers",
            headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")]),
            body: Array(body.utf8))
        let form = try DashboardForm(request: request)
        #expect(form[field] == value)
    }

    @Test("a form of another type, or too large, is refused before parsing")
    func formRefusals() {
        let json = HTTPRequest(
            method: "POST", target: "/", headers: HTTPHeaders([("Content-Type", "application/json")]),
            body: Array("{}".utf8))
        #expect(throws: DashboardError.self) { try DashboardForm(request: json) }
        let huge = HTTPRequest(
            method: "POST", target: "/",
            headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]),
            body: Array(repeating: UInt8(ascii: "a"), count: DashboardForm.maxBytes + 1))
        #expect(throws: DashboardError.self) { try DashboardForm(request: huge) }
    }

    @Test(
        "routes resolve to the most specific template",
        arguments: [
            ([], "/dashboard"), (["providers"], "/dashboard/providers"),
            (["providers", "new"], "/dashboard/providers/new"),
            (["providers", "x"], "/dashboard/providers/{providerId}"),
            (
                ["providers", "x", "mappings", "y", "delete"],
                "/dashboard/providers/{providerId}/mappings/{ruleId}/delete"
            ),
            (["business-units", "z"], "/dashboard/business-units/{groupingId}"),
        ])
    func routing(segments: [String], template: String) throws {
        let (routes, _) = try #require(DashboardRouter.resolve(segments))
        #expect(routes[0].logPath == template)
    }

    @Test("an unknown path has no route")
    func unknownRoute() {
        #expect(DashboardRouter.resolve(["providers", "x", "y"]) == nil)
        #expect(DashboardRouter.resolve(["secrets"]) == nil)
    }

    @Test(
        "a post must come from this origin when the browser says where it comes from",
        arguments: [
            ([("Origin", "https://scim.example.test")], true), ([("Origin", "https://scim.example.test.evil")], false),
            ([("Origin", "http://127.0.0.1:8080")], true), ([("Origin", "https://evil.example")], false),
            ([("Origin", "null")], false), ([("Sec-Fetch-Site", "same-origin")], true),
            ([("Sec-Fetch-Site", "none")], true), ([("Sec-Fetch-Site", "same-site")], false),
            ([("Sec-Fetch-Site", "cross-site")], false), ([], true),
        ])
    func origins(headers: [(String, String)], accepted: Bool) {
        var all = HTTPHeaders([("Host", "127.0.0.1:8080")])
        for (name, value) in headers { all.add(name: name, value: value) }
        let request = HTTPRequest(method: "POST", target: "/dashboard/sign-out", headers: all)
        let passed = (try? DashboardForgeryGuard.checkOrigin(request, baseURL: "https://scim.example.test")) != nil
        #expect(passed == accepted)
    }

    @Test("cookies are HttpOnly, scoped to the dashboard, Lax for the session and Strict for the sign-in form")
    func cookies() {
        let session = DashboardCookie.set(DashboardCookie.session, "v", maxAge: 60, secure: true)
        #expect(session == "scimgw_dashboard=v; Path=/dashboard; Max-Age=60; HttpOnly; SameSite=Lax; Secure")
        let form = DashboardCookie.set(DashboardCookie.form, "v", maxAge: 60, secure: false)
        #expect(form.contains("SameSite=Strict") && !form.contains("Secure"))
        let request = HTTPRequest(
            method: "GET", target: "/",
            headers: HTTPHeaders([("Cookie", "other=1; scimgw_dashboard=abcdefghijklmnopqrstuvwxyz")]))
        #expect(DashboardCookie.value(DashboardCookie.session, in: request) == "abcdefghijklmnopqrstuvwxyz")
        #expect(DashboardCookie.value(DashboardCookie.form, in: request) == nil)
    }

    @Test("a one-time link carries its code in the fragment, which browsers never send")
    func linkURL() {
        let url = DashboardSignInLink.url(baseURL: "https://scim.example.test", code: "scimgw_link_abc")
        #expect(url == "https://scim.example.test/dashboard/sign-in#code=scimgw_link_abc")
        #expect(URL(string: url)?.query == nil)
    }

    @Test("notices come only from the fixed list")
    func notices() {
        #expect(DashboardNotice.named(in: "rule-added") == .ruleAdded)
        #expect(DashboardNotice.named(in: "<script>") == nil)
        #expect(DashboardNotice.named(in: nil) == nil)
    }

    @Test("the served files hold no inline handlers, and their validators follow their bytes")
    func assets() {
        #expect(DashboardScript.source.contains("data-copy") && !DashboardScript.source.contains("eval("))
        #expect(!DashboardStylesheet.source.contains("@import") && !DashboardStylesheet.source.contains("url("))
        #expect(DashboardScript.etag != DashboardStylesheet.etag && DashboardScript.etag.hasPrefix("\""))
    }
}
