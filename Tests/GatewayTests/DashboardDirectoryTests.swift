import Foundation
import Identity
import Postgres
import Storage
import TestSupport
import Testing

@testable import Gateway

/// Governance → Users, Teams and Business Units: what SCIM pushed, with provenance, in keyset pages.
@Suite("Dashboard directory")
struct DashboardDirectoryTests {
    /// Provisions two people and a group through SCIM, with rules giving a role and a business unit.
    private func provisioned() throws -> (DashboardHarness, [String: String]) {
        var browser = try DashboardHarness()
        browser.get(browser.providerPath)
        for (kind, attribute, value, target) in [
            ("role", "groups", "Platform", "Developer"),
            (
                "business_unit", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "Eng: ${*}",
                "${*}"
            ),
        ] {
            browser.post(
                "\(browser.providerPath)/mappings",
                [("kind", kind), ("attribute", attribute), ("value", value), ("target", target)])
        }
        var ids: [String: String] = [:]
        for (name, department) in [("ada", "Eng: Core"), ("grace", "Sales")] {
            let body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "userName":"\(name)@example.test","displayName":"\(name.capitalized) Example",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"\(department)"}}
                """
            let created = browser.gateway.send("POST", "/scim/v2/Users", body: body)
            #expect(created.status == 201)
            ids[name] = created.json?["id"]?.stringValue
        }
        let group = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Platform",
             "members":[{"value":"\(ids["ada"] ?? "")"}]}
            """
        #expect(browser.scim("POST", "Groups", group) == 201)
        return (browser, ids)
    }

    @Test("Users shows role, teams, units, status, managing provider and last sign-in")
    func users() throws {
        var (browser, ids) = try provisioned()
        let page = browser.get("/dashboard/users")
        #expect(page.status == 200)
        for text in ["Ada Example", "ada@example.test", "Developer", "Platform", "Core", "Active", "Okta", "Never"] {
            #expect(page.contains(text), "\(text)")
        }
        let ada = browser.get("/dashboard/users/\(ids["ada"] ?? "")")
        #expect(ada.contains("Developer") && ada.contains("its SCIM owns this person"))
        #expect(ada.contains(">SCIM<") && ada.contains("via Okta"))
        let grace = browser.get("/dashboard/users/\(ids["grace"] ?? "")")
        #expect(grace.contains("No role"))
        #expect(browser.get("/dashboard/users/\(UUID().uuidString)").status == 404)
        #expect(browser.get("/dashboard/users/not-an-id").status == 404)
    }

    @Test(
        "search finds a prefix of the user name or display name, ignoring case",
        arguments: [("ADA", ["ada@"]), ("grace ex", ["grace@"]), ("example", []), ("%", [])])
    func search(text: String, found: [String]) throws {
        var (browser, _) = try provisioned()
        let page = browser.get(
            "/dashboard/users?search=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
        #expect(page.status == 200)
        for name in ["ada@", "grace@"] {
            #expect(page.contains(name) == found.contains(name), "\(name)")
        }
        #expect(page.value(of: "search") == text)
    }

    @Test("Teams come from pushed groups, with each member's provenance")
    func teams() throws {
        var (browser, ids) = try provisioned()
        let list = browser.get("/dashboard/teams")
        #expect(list.contains("Platform") && list.contains("SCIM: 1"))
        let teamID = try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
            try $0.adminGroupings(.team).list(AdminPageRequest(limit: 10)).items.first { $0.name == "Platform" }?.id
        }
        let team = browser.get("/dashboard/teams/\(try #require(teamID).uuidString.lowercased())")
        #expect(team.contains("ada@example.test") && !team.contains("grace@example.test"))
        #expect(team.contains(">SCIM<") && team.contains("via Okta"))
        #expect(team.contains("/dashboard/users/\(ids["ada"] ?? "")"))
    }

    @Test("Business Units show how each membership was granted, manual grants included")
    func businessUnits() throws {
        var (browser, ids) = try provisioned()
        let adaID = try #require(ids["ada"].flatMap(UUID.init(uuidString:)))
        try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
            try $0.governance.grantManually(.businessUnit, "Core", to: adaID)
        }
        let list = browser.get("/dashboard/business-units")
        #expect(list.contains("Core") && list.contains("SCIM: 1") && list.contains("Manual: 1"))
        let unitID = try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
            try $0.adminGroupings(.businessUnit).list(AdminPageRequest(limit: 10)).items.first?.id
        }
        let unit = browser.get("/dashboard/business-units/\(try #require(unitID).uuidString.lowercased())")
        #expect(unit.contains(">SCIM<") && unit.contains(">Manual<") && unit.contains("1 member"))
    }

    @Test("lists page with an opaque cursor, and a forged cursor is refused politely")
    func paging() throws {
        var browser = try DashboardHarness()
        for index in 0..<(DashboardEndpoints.pageSize + 5) {
            let body = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"p\(1000 + index)@example.test"}
                """
            #expect(browser.scim("POST", "Users", body) == 201)
        }
        let first = browser.get("/dashboard/users")
        #expect(first.contains("p1000@") && first.contains("p1049@") && !first.contains("p1050@"))
        let next = try #require(
            first.body.range(of: #"href="/dashboard/users\?after=[A-Za-z0-9_-]+""#, options: .regularExpression))
        let link = String(first.body[next].dropFirst(6).dropLast())
        let second = browser.get(link)
        #expect(second.contains("p1050@") && second.contains("p1054@") && !second.contains("p1049@"))
        #expect(second.contains("First page") && !second.contains("rel=\"next\""))
        #expect(browser.get("/dashboard/users?after=%%%").status == 400)
    }

    /// One tenant with 100,000 people, written straight into the table once per test process.
    private static let crowd: Result<(tenant: UUID, seconds: Double), any Error> = Result {
        let pool = try TestDatabase.pool()
        let tenant = try AdministrationRepository(pool: pool).createTenant(name: "Crowd")
        let owner = try TestDatabase.ownerPool()
        defer { owner.close() }
        let started = Date()
        try owner.withConnection { connection in
            try connection.query(
                """
                INSERT INTO users (tenant_id, id, user_name, display_name, attributes)
                SELECT \(tenant.id), gen_random_uuid(), 'person' || lpad(i::text, 6, '0') || '@example.test',
                    'Person ' || i, jsonb_build_object('userName', 'person' || lpad(i::text, 6, '0') || '@example.test')
                FROM generate_series(1, 100000) AS i
                """)
            try connection.query("ANALYZE users")
        }
        return (tenant.id, Date().timeIntervalSince(started))
    }

    @Test(
        "Users pages and searches stay fast at 100,000 people",
        arguments: [
            "/dashboard/users", "/dashboard/users?after={deep}", "/dashboard/users?search=person0999",
            "/dashboard/users?search=Person%2099", "/dashboard/users?search=nobody",
        ])
    func hundredThousandPeople(target: String) throws {
        let (tenantID, _) = try Self.crowd.get()
        var browser = try DashboardHarness(signedIn: false)
        let link = try DashboardSignInLink.issue(tenantID: tenantID, store: browser.store)
        #expect(try browser.signIn(code: link.0).status == 303)
        let deep = AdminCursor(["person090000@example.test"]).token
        let path = target.replacingOccurrences(of: "{deep}", with: deep)
        browser.get(path)  // warm the connection and the plan
        let started = DispatchTime.now().uptimeNanoseconds
        let page = browser.get(path)
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        #expect(page.status == 200)
        // A keyset page is an index range scan; reading the tenant's people would take seconds.
        #expect(milliseconds < 500, "\(path) took \(milliseconds) ms")
        if target.contains("{deep}") { #expect(page.contains("person090001@") && !page.contains("person090000@")) }
        if target.contains("person0999") { #expect(page.contains("person099901@") && page.contains("rel=\"next\"")) }
    }
}
