import Crypto
import Foundation
import Identity
import Storage
import Testing

@testable import Gateway

/// Forgery, injection, framing and leaks: every form checks the session's synchronizer token, every page carries a
/// strict policy, markup from data is escaped, and one tenant's administrator reaches nothing of another's.
@Suite("Dashboard security")
struct DashboardSecurityTests {
    /// Every form of the dashboard, with fields that would change something if the post were accepted.
    static let forms: [(String, [(String, String)])] = [
        ("/dashboard/providers", [("name", "Forged")]),
        ("{provider}/connection", [("name", "Forged")]),
        ("{provider}/mappings", [("kind", "role"), ("attribute", "groups"), ("value", "*"), ("target", "Admin")]),
        ("{provider}/configuration", []),
        ("{provider}/rotate-token", []),
        ("{provider}/disable-scim", []),
        ("/dashboard/sign-out", []),
    ]

    @Test(
        "a post without the session's synchronizer token is refused and changes nothing",
        arguments: Array(0..<7), [nil, "", "forged-token-forged-token-forged-token-forged"])
    func postsNeedTheToken(form: Int, token: String?) throws {
        var browser = try DashboardHarness()
        let (target, fields) = Self.forms[form]
        let path = target.replacingOccurrences(of: "{provider}", with: browser.providerPath)
        let answer = browser.post(path, fields, csrf: token, includeToken: token != nil)
        #expect(answer.status == 403)
        try expectUnchanged(&browser)
    }

    @Test(
        "a post from another origin is refused even with the right token",
        arguments: [
            [("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site")],
            [("Origin", "https://evil.example")], [("Sec-Fetch-Site", "same-site")], [("Origin", "null")],
        ])
    func crossOriginPosts(headers: [(String, String)]) throws {
        var browser = try DashboardHarness()
        browser.get(browser.providerPath)
        let answer = browser.post("\(browser.providerPath)/rotate-token", headers: headers)
        #expect(answer.status == 403)
        try expectUnchanged(&browser)
    }

    @Test("the same post with the token and this origin goes through", arguments: [true, false])
    func tokenAndOriginPass(sendOrigin: Bool) throws {
        var browser = try DashboardHarness()
        browser.get(browser.providerPath)
        let answer = browser.post(
            "\(browser.providerPath)/rotate-token", headers: sendOrigin ? [("Origin", DashboardHarness.origin)] : [])
        #expect(answer.status == 200 && answer.contains("Token Rotated"))
        #expect(browser.scim("GET", "Users") == 401)
    }

    @Test(
        "every page carries a strict Content-Security-Policy and refuses to be framed",
        arguments: [
            "/dashboard/sign-in", "/dashboard/providers", "/dashboard/providers/new", "{provider}",
            "{provider}/configuration", "{provider}/connection", "{provider}/log", "/dashboard/users",
            "/dashboard/teams", "/dashboard/business-units", "/dashboard/assets/dashboard.css",
            "/dashboard/assets/dashboard.js", "/dashboard/nowhere",
        ])
    func securityHeaders(target: String) throws {
        var browser = try DashboardHarness()
        let page = browser.get(target.replacingOccurrences(of: "{provider}", with: browser.providerPath))
        let policy = try #require(page.headers["Content-Security-Policy"])
        #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"))
        #expect(policy.contains("style-src 'self'") && policy.contains("frame-ancestors 'none'"))
        #expect(policy.contains("form-action 'self'") && !policy.contains("unsafe"))
        #expect(page.headers["X-Frame-Options"] == "DENY")
        #expect(page.headers["X-Content-Type-Options"] == "nosniff")
        if page.headers["Content-Type"]?.hasPrefix("text/html") == true {
            #expect(page.headers["Cache-Control"] == "no-store")
            #expect(!page.contains("<script>") && !page.contains("style=\"") && !page.contains("<style"))
            #expect(page.body.range(of: #" on[a-z]+=""#, options: .regularExpression) == nil)
        }
    }

    @Test("names and rules from the database are escaped, never markup")
    func escaping() throws {
        var browser = try DashboardHarness()
        let hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"
        browser.get("/dashboard/providers/new")
        let created = browser.post("/dashboard/providers", [("name", hostile)])
        let location = try #require(created.location)
        let page = browser.get(location)
        #expect(!page.contains("<script>alert") && !page.contains("<img src=x"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x"))
        let list = browser.get("/dashboard/providers")
        #expect(!list.contains("<script>alert") && list.contains("&lt;script&gt;"))
        let rule = browser.post(
            "\(location.split(separator: "?")[0])/mappings",
            [("kind", "team"), ("attribute", "groups"), ("value", "<b>v</b>"), ("target", "<script>t</script>")])
        #expect(rule.status == 303)
        let rules = browser.get(String(location.split(separator: "?")[0]))
        #expect(!rules.contains("<b>v</b>") && rules.contains("&lt;b&gt;v&lt;/b&gt;"))
        #expect(!rules.contains("<script>t") && rules.contains("&lt;script&gt;t&lt;/script&gt;"))
    }

    @Test("the provisioning token is only in the body of the Setup Complete answer: no redirect, no URL, no cache")
    func tokenShownOnce() throws {
        var browser = try DashboardHarness()
        try configureSignIn(browser)
        browser.get(browser.providerPath)
        #expect(browser.post("\(browser.providerPath)/disable-scim").status == 303)
        browser.get("\(browser.providerPath)/configuration")
        let answer = browser.post("\(browser.providerPath)/configuration", [("scim_enabled", "on")])
        #expect(answer.status == 200 && answer.location == nil)
        #expect(answer.headers["Cache-Control"] == "no-store")
        let token = try #require(answer.value(of: "provisioning-token"))
        #expect(token.hasPrefix(ProvisioningTokenSecret.prefix))
        #expect(!answer.headers.map { "\($0.0): \($0.1)" }.joined().contains(token))
        for page in ["", "/configuration", "/log", "/rotate-token"] {
            #expect(!browser.get(browser.providerPath + page).contains(token))
        }
        #expect(!browser.get("/dashboard/providers").contains(token))
    }

    @Test("an administrator of one tenant reaches nothing of another, in either direction")
    func tenantIsolation() throws {
        var first = try DashboardHarness()
        var second = try DashboardHarness()
        let userID = try TenantDatabase(pool: second.gateway.pool, tenantID: second.tenantID).transaction {
            try $0.users.create(
                attributes: .object([
                    "schemas": .array([.string("urn:ietf:params:scim:schemas:core:2.0:User")]),
                    "userName": .string("only-in-second@example.test"),
                ]), managingProviderID: second.provider.id
            ).id
        }
        let teamID = try TenantDatabase(pool: second.gateway.pool, tenantID: second.tenantID).transaction {
            try $0.adminGroupings(.team).create(name: "Second team").id
        }
        for (browser, other) in [(first, second), (second, first)] {
            var visitor = browser
            for path in [
                other.providerPath, "\(other.providerPath)/configuration", "\(other.providerPath)/log",
                "\(other.providerPath)/connection",
            ] {
                #expect(visitor.get(path).status == 404, "\(path)")
            }
            visitor.get(visitor.providerPath)
            #expect(visitor.post("\(other.providerPath)/rotate-token").status == 404)
            #expect(visitor.post("\(other.providerPath)/disable-scim").status == 404)
        }
        #expect(first.get("/dashboard/users/\(userID.uuidString.lowercased())").status == 404)
        #expect(first.get("/dashboard/teams/\(teamID.uuidString.lowercased())").status == 404)
        #expect(!first.get("/dashboard/users").contains("only-in-second"))
        #expect(!first.get("/dashboard/teams").contains("Second team"))
        #expect(second.get("/dashboard/users/\(userID.uuidString.lowercased())").status == 200)
        #expect(first.scim("GET", "Users") == 200 && second.scim("GET", "Users") == 200)
    }

    @Test("dashboard sessions are rows of their tenant: under another tenant's scope the database shows none")
    func sessionsAreTenantScoped() throws {
        let browser = try DashboardHarness()
        let other = try DashboardHarness(signedIn: false)
        let cookie = try #require(browser.cookies[DashboardCookie.session])
        let record = try #require(try browser.store.session(tokenHash: Digest.sha256(cookie)))
        #expect(record.tenantID == browser.tenantID)
        func count(scope: UUID) throws -> Int64 {
            try browser.gateway.pool.withTransaction { connection in
                try connection.query("SELECT set_config('app.tenant_id', \(scope.uuidString.lowercased()), true)")
                return try connection.query(
                    "SELECT count(*) AS n FROM dashboard_sessions WHERE tenant_id = \(browser.tenantID)"
                ).rows[0].decode("n", as: Int64.self)
            }
        }
        #expect(try count(scope: browser.tenantID) == 1)
        #expect(try count(scope: other.tenantID) == 0)
    }

    /// The provider still has its token and name, and no rule was added.
    private func expectUnchanged(_ browser: inout DashboardHarness) throws {
        #expect(browser.scim("GET", "Users") == 200)
        let (providers, rules) = try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID)
            .transaction { tenant in
                (
                    try tenant.adminProviders.list().map(\.name),
                    try tenant.adminMappingRules.list(providerID: browser.provider.id)
                )
            }
        #expect(providers == ["Okta"] && rules.isEmpty)
        #expect(browser.get("/dashboard/providers").status == 200)
    }

    private func configureSignIn(_ browser: DashboardHarness) throws {
        _ = try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
            try $0.adminProviders.update(
                id: browser.provider.id,
                AdminProviderChanges(issuer: .some("https://idp.example.test"), clientID: .some("client")))
        }
    }
}
