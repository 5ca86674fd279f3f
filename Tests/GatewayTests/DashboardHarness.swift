import Crypto
import Foundation
import HTTPServer
import Identity
import OIDC
import Storage
import TestSupport

@testable import Gateway

/// A browser for the dashboard, in-process: the gateway harness (a fresh tenant with a SCIM-enabled provider), a
/// cookie jar, and the synchronizer token of the last page that carried one.
struct DashboardHarness {
    /// The public base URL of `GatewayHarness`; posts carry it as their `Origin`, as a browser would.
    static let origin = "https://scim.example.test"

    let gateway: GatewayHarness
    private(set) var cookies: [String: String] = [:]
    /// The `csrf_token` of the last page that had a form.
    private(set) var csrfToken: String?

    var tenantID: UUID { gateway.tenant.id }
    var provider: OIDCProvider { gateway.provider }
    var providerPath: String { "/dashboard/providers/\(gateway.provider.id.uuidString.lowercased())" }
    var store: DashboardSessionStore { DashboardSessionStore(pool: gateway.pool) }

    /// A fresh tenant; `signedIn` opens a dashboard session with a one-time link first.
    init(signedIn: Bool = true) throws {
        gateway = try GatewayHarness(environment: ["SECRET_KEY": String(repeating: "ab", count: 32)])
        if signedIn {
            let page = try signInWithLink()
            precondition(page.status == 303, "the one-time link did not sign in: \(page.status) \(page.body)")
        }
    }

    /// One answer, with the body as text.
    struct Page {
        let status: Int
        let headers: HTTPHeaders
        let body: String

        var location: String? { headers["Location"] }

        func contains(_ text: String) -> Bool { body.contains(text) }

        /// The value of the input with this id, HTML references undone.
        func value(of id: String) -> String? {
            guard let range = body.range(of: "id=\"\(id)\"") else { return nil }
            let tail = body[range.upperBound...]
            guard let start = tail.range(of: "value=\""), let end = tail[start.upperBound...].firstIndex(of: "\"")
            else { return nil }
            return String(tail[start.upperBound..<end]).replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    @discardableResult
    mutating func get(_ target: String, headers: [(String, String)] = []) -> Page {
        send("GET", target, body: [], headers: headers)
    }

    /// Posts a form; the synchronizer token of the last page is added unless `csrf` says otherwise.
    @discardableResult
    mutating func post(
        _ target: String, _ fields: [(String, String)] = [], csrf: String? = nil, includeToken: Bool = true,
        headers: [(String, String)] = [("Origin", DashboardHarness.origin), ("Sec-Fetch-Site", "same-origin")]
    ) -> Page {
        var all = fields
        if includeToken, let token = csrf ?? csrfToken { all.append((DashboardForgeryGuard.fieldName, token)) }
        var extra = headers
        extra.append(("Content-Type", "application/x-www-form-urlencoded"))
        return send("POST", target, body: Array(FormEncoding.encode(all).utf8), headers: extra)
    }

    /// Opens the sign-in page, then posts a new one-time link's code.
    @discardableResult
    mutating func signInWithLink() throws -> Page {
        let (code, _) = try DashboardSignInLink.issue(tenantID: tenantID, store: store)
        return try signIn(code: code)
    }

    @discardableResult
    mutating func signIn(code: String) throws -> Page {
        get("/dashboard/sign-in")
        return post("/dashboard/sign-in", [("code", code)])
    }

    /// Creates a person in the tenant holding `roleID`, with an OIDC sign-in session; returns the person's id and the
    /// session cookie's value, which is put in the jar.
    mutating func signInThroughIdP(roleID: UUID, userName: String = "admin-\(UUID().uuidString.prefix(8))@example.test")
        throws -> (userID: UUID, cookie: String)
    {
        let cookie = Base64URL.encode(try SecureRandom.bytes(count: 32))
        let providerID = provider.id
        let userID = try TenantDatabase(pool: gateway.pool, tenantID: tenantID).transaction { tenant in
            let user = try tenant.users.create(
                attributes: .object([
                    "schemas": .array([.string("urn:ietf:params:scim:schemas:core:2.0:User")]),
                    "userName": .string(userName), "displayName": .string("Ada Admin"),
                ]), managingProviderID: providerID)
            try tenant.governance.setRole(of: user.id, to: roleID, source: .manual)
            _ = try tenant.sessions.create(
                userID: user.id, providerID: providerID, tokenHash: Digest.sha256(cookie), refreshTokenEncrypted: nil,
                refreshDueAt: Date().addingTimeInterval(900), expiresAt: Date().addingTimeInterval(3600))
            return user.id
        }
        cookies[SessionCookie.name] = cookie
        return (userID, cookie)
    }

    mutating func forgetCookie(_ name: String) {
        cookies[name] = nil
    }

    /// A SCIM request with the provider's token (or another).
    func scim(_ method: String, _ path: String, _ body: String? = nil, token: String? = nil) -> Int {
        gateway.send(method, "/scim/v2/\(path)", body: body, token: token).status
    }

    private mutating func send(_ method: String, _ target: String, body: [UInt8], headers: [(String, String)]) -> Page {
        var all = HTTPHeaders([("Host", "scim.example.test")])
        if !cookies.isEmpty {
            all.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        for (name, value) in headers { all.replaceOrAdd(name: name, value: value) }
        let response = gateway.handler.handle(
            HTTPRequest(
                method: method, target: target, headers: all, body: body, remoteAddress: gateway.remoteAddress))
        for header in response.headers.values(for: "Set-Cookie") {
            let pair = header.split(separator: ";")[0].split(
                separator: "=", maxSplits: 1, omittingEmptySubsequences: false
            ).map(String.init)
            guard pair.count == 2 else { continue }
            cookies[pair[0]] = header.contains("Max-Age=0") || pair[1].isEmpty ? nil : pair[1]
        }
        let page = Page(
            status: response.status, headers: response.headers, body: String(decoding: response.body, as: UTF8.self))
        if let token = Self.token(in: page.body) { csrfToken = token }
        return page
    }

    private static func token(in body: String) -> String? {
        let marker = "name=\"\(DashboardForgeryGuard.fieldName)\" value=\""
        guard let start = body.range(of: marker), let end = body[start.upperBound...].firstIndex(of: "\"") else {
            return nil
        }
        return String(body[start.upperBound..<end])
    }
}
