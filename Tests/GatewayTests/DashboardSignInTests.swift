import Crypto
import Foundation
import Identity
import Storage
import TestSupport
import Testing

@testable import Gateway

/// Who gets into the dashboard: a one-time link from the command line, or an OIDC session whose role holds the
/// dashboard's permissions, checked again on every request.
@Suite("Dashboard sign-in")
struct DashboardSignInTests {
    @Test("a one-time link opens a session once, and its code never works again")
    func linkWorksOnce() throws {
        var browser = try DashboardHarness(signedIn: false)
        let (code, expiresAt) = try DashboardSignInLink.issue(tenantID: browser.tenantID, store: browser.store)
        #expect(code.hasPrefix("scimgw_link_"))
        #expect(abs(expiresAt.timeIntervalSinceNow - 15 * 60) < 5)

        let first = try browser.signIn(code: code)
        #expect(first.status == 303 && first.location == "/dashboard/providers")
        #expect(browser.cookies[DashboardCookie.session] != nil)
        #expect(browser.get("/dashboard/providers").status == 200)

        var other = try DashboardHarness(signedIn: false)
        let again = try other.signIn(code: code)
        #expect(again.status == 400 && again.contains("already used"))
        #expect(other.cookies[DashboardCookie.session] == nil)
    }

    @Test("an expired link is refused")
    func expiredLink() throws {
        var browser = try DashboardHarness(signedIn: false)
        let (code, _) = try DashboardSignInLink.issue(
            tenantID: browser.tenantID, store: browser.store, now: Date().addingTimeInterval(-16 * 60))
        let answer = try browser.signIn(code: code)
        #expect(answer.status == 400)
        #expect(browser.get("/dashboard/providers").location == "/dashboard/sign-in")
    }

    @Test("only the code's hash is stored")
    func onlyHashStored() throws {
        let browser = try DashboardHarness(signedIn: false)
        let (code, _) = try DashboardSignInLink.issue(tenantID: browser.tenantID, store: browser.store)
        let owner = try TestDatabase.ownerPool()
        defer { owner.close() }
        let stored: [[UInt8]] = try owner.withConnection { connection in
            try connection.query(
                "SELECT token_hash FROM dashboard_sign_in_links WHERE tenant_id = \(browser.tenantID)"
            ).rows.map { try $0.decode("token_hash") }
        }
        #expect(stored == [Digest.sha256(code)])
    }

    @Test("the link form is refused without the cookie that double-submits its token")
    func linkFormNeedsItsCookie() throws {
        var browser = try DashboardHarness(signedIn: false)
        let (code, _) = try DashboardSignInLink.issue(tenantID: browser.tenantID, store: browser.store)
        browser.get("/dashboard/sign-in")
        browser.forgetCookie(DashboardCookie.form)
        let answer = browser.post("/dashboard/sign-in", [("code", code)])
        #expect(answer.status == 403)
        // The refused post did not use the code up.
        #expect(try browser.signIn(code: code).status == 303)
    }

    @Test(
        "without a session, pages lead to sign-in and posts change nothing",
        arguments: ["/dashboard/providers", "/dashboard/users", "/dashboard/teams", "/dashboard/business-units"])
    func signedOut(path: String) throws {
        var browser = try DashboardHarness(signedIn: false)
        let page = browser.get(path)
        #expect(page.status == 303 && page.location == "/dashboard/sign-in")
        let post = browser.post("/dashboard/providers", [("name", "Intruder")], csrf: "x")
        #expect(post.status == 403)
        let providers = try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
            try $0.adminProviders.list().map(\.name)
        }
        #expect(providers == ["Okta"])
    }

    @Test(
        "a signed-in person enters when their role holds the dashboard's permissions",
        arguments: [
            (SystemRoles.admin.id, 200), (SystemRoles.developer.id, 403), (SystemRoles.viewer.id, 403),
        ])
    func roleDecides(roleID: UUID, status: Int) throws {
        var browser = try DashboardHarness(signedIn: false)
        _ = try browser.signInThroughIdP(roleID: roleID)
        let page = browser.get("/dashboard/providers")
        #expect(page.status == status)
        #expect((browser.cookies[DashboardCookie.session] != nil) == (status == 200))
        if status == 200 {
            #expect(page.contains("Ada Admin") && page.contains(">Admin<"))
        } else {
            #expect(page.contains("does not include the permissions"))
        }
    }

    @Test(
        "a custom role is admitted only when it holds every permission the dashboard uses",
        arguments: [
            (DashboardAccess.required, 200),
            (DashboardAccess.required.subtracting([Permission(resource: "providers", operation: "update")]), 403),
        ])
    func customRoles(permissions: Set<Permission>, status: Int) throws {
        var browser = try DashboardHarness(signedIn: false)
        let role = try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
            try $0.adminRoles.create(name: "Provisioning admins", permissions: permissions)
        }
        _ = try browser.signInThroughIdP(roleID: role.id)
        #expect(browser.get("/dashboard/providers").status == status)
    }

    @Test("a role taken away closes the dashboard at the next request")
    func roleChangeIsSeen() throws {
        var browser = try DashboardHarness(signedIn: false)
        let (userID, _) = try browser.signInThroughIdP(roleID: SystemRoles.admin.id)
        #expect(browser.get("/dashboard/users").status == 200)
        try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
            try $0.governance.setRole(of: userID, to: SystemRoles.viewer.id, source: .manual)
        }
        #expect(browser.get("/dashboard/users").status == 403)
    }

    @Test("SCIM deactivating the person ends their dashboard session at once")
    func deactivationEndsTheDashboard() throws {
        var browser = try DashboardHarness(signedIn: false)
        let (userID, _) = try browser.signInThroughIdP(roleID: SystemRoles.admin.id)
        #expect(browser.get("/dashboard/providers").status == 200)
        let patch = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","value":{"active":false}}]}
            """
        #expect(browser.scim("PATCH", "Users/\(userID.uuidString.lowercased())", patch) == 200)
        let after = browser.get("/dashboard/providers")
        #expect(after.status == 303 && after.location == "/dashboard/sign-in")
        let rows = try TestDatabase.ownerPool().withConnection { connection in
            try connection.query("SELECT count(*) AS n FROM dashboard_sessions WHERE tenant_id = \(browser.tenantID)")
                .rows[0].decode("n", as: Int64.self)
        }
        #expect(rows == 0)
    }

    @Test("signing out ends the dashboard session and the sign-in session it rode on")
    func signOut() throws {
        var browser = try DashboardHarness(signedIn: false)
        _ = try browser.signInThroughIdP(roleID: SystemRoles.admin.id)
        browser.get("/dashboard/providers")
        let dashboardCookie = try #require(browser.cookies[DashboardCookie.session])
        let signInCookie = try #require(browser.cookies[SessionCookie.name])
        let out = browser.post("/dashboard/sign-out")
        #expect(out.status == 303 && out.location == "/dashboard/sign-in?notice=signed-out")
        #expect(browser.cookies[DashboardCookie.session] == nil && browser.cookies[SessionCookie.name] == nil)
        #expect(try browser.store.session(tokenHash: Digest.sha256(dashboardCookie)) == nil)
        #expect(try SessionDirectory(pool: browser.gateway.pool).session(tokenHash: Digest.sha256(signInCookie)) == nil)
    }

    @Test("an administrator's OIDC sign-in is sent on to the dashboard; SignInEndpoints decides with DashboardAccess")
    func accessRule() {
        #expect(DashboardAccess.admits(SystemRoles.admin))
        #expect(!DashboardAccess.admits(SystemRoles.developer))
        #expect(!DashboardAccess.admits(SystemRoles.viewer))
        #expect(DashboardAccess.required.allSatisfy(PermissionCatalog.contains))
    }
}
