import Foundation
import Identity
import Storage
import Testing

@testable import Gateway

/// Governance → User Provisioning, as the setup guide walks it: providers, their connection and mapping rules,
/// Provider Configuration with Enable SCIM Provisioning and Verify & Next, Setup Complete, Rotate Token, the log.
@Suite("Dashboard provisioning")
struct DashboardProvisioningTests {
    @Test("a new provider is created with its sign-in settings, its client secret sealed and never shown")
    func createProvider() throws {
        var browser = try DashboardHarness()
        browser.get("/dashboard/providers/new")
        let created = browser.post(
            "/dashboard/providers",
            [
                ("name", "Entra ID"), ("issuer", "https://login.example.test/tenant/v2.0/"), ("client_id", "abc-123"),
                ("client_secret", "s3cret-value"), ("mode", "scim"),
            ])
        #expect(created.status == 303)
        let location = try #require(created.location)
        #expect(location.hasSuffix("?notice=provider-created"))
        let page = browser.get(location)
        #expect(page.status == 200 && page.contains("Provider created."))
        #expect(page.contains("https://login.example.test/tenant/v2.0<") && page.contains("abc-123"))
        #expect(page.contains("Stored, encrypted") && !page.contains("s3cret-value"))
        #expect(page.contains("SCIM only"))
        let id = try #require(UUID(uuidString: String(location.dropFirst("/dashboard/providers/".count).prefix(36))))
        let settings = try #require(try SignInSettingsRepository(pool: browser.gateway.pool).settings(providerID: id))
        #expect(settings.clientSecretSealed != nil && settings.provisioningMode == .scim)
        #expect(!browser.get("\(location.split(separator: "?")[0])/connection").contains("s3cret-value"))
    }

    @Test(
        "a provider form with mistakes is shown again with what to fix",
        arguments: [
            ([("name", "")], "Give the provider a name."),
            ([("name", "Okta"), ("issuer", "ftp://idp.example.test")], "http(s) URL"),
            ([("name", String(repeating: "n", count: 201))], "longer than 200"),
        ])
    func providerFormMistakes(fields: [(String, String)], message: String) throws {
        var browser = try DashboardHarness()
        browser.get("/dashboard/providers/new")
        let answer = browser.post("/dashboard/providers", fields)
        #expect(answer.status == 400 && answer.contains(message))
        let count = try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
            try $0.adminProviders.list().count
        }
        #expect(count == 1)
    }

    @Test("the connection form saves name, strategy, scopes and claim names, and keeps the stored secret")
    func editConnection() throws {
        var browser = try DashboardHarness()
        browser.get("\(browser.providerPath)/connection")
        let saved = browser.post(
            "\(browser.providerPath)/connection",
            [
                ("name", "Okta Workforce"), ("issuer", "https://acme.okta.example"), ("client_id", "0oa1"),
                ("client_secret", ""), ("scopes", "openid email groups"), ("audience", ""), ("mode", "both"),
                ("role_strategy", "first_match"), ("claim_user_id", "sub"), ("claim_email", "mail"),
                ("claim_name", "display_name"),
            ])
        #expect(saved.status == 303 && saved.location?.hasSuffix("notice=connection-saved") == true)
        let record = try #require(
            try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
                try $0.adminProviders.find(id: browser.provider.id)
            })
        #expect(record.name == "Okta Workforce" && record.roleStrategy == .firstMatch && !record.groupsBecomeTeams)
        let settings = try #require(
            try SignInSettingsRepository(pool: browser.gateway.pool).settings(providerID: browser.provider.id))
        #expect(settings.scopes == "openid email groups" && settings.claims.email == "mail")
        #expect(settings.claims.name == "display_name")
        #expect(settings.issuer == "https://acme.okta.example" && settings.clientID == "0oa1")
        let refused = browser.post(
            "\(browser.providerPath)/connection", [("name", "Okta"), ("scopes", "email profile")])
        #expect(refused.status == 400 && refused.contains("must include openid"))
    }

    @Test("mapping rules are added in order, refused with the reason when they could never match, and deleted")
    func mappingRules() throws {
        var browser = try DashboardHarness()
        browser.get(browser.providerPath)
        for (kind, attribute, value, target) in [
            ("role", "groups", "Admins", "Admin"), ("team", "groups", "*", "*"),
            ("business_unit", "department", "Eng: ${*} Unit", "${*}"),
        ] {
            let added = browser.post(
                "\(browser.providerPath)/mappings",
                [("kind", kind), ("attribute", attribute), ("value", value), ("target", target)])
            #expect(added.status == 303 && added.location?.contains("notice=rule-added") == true)
        }
        let page = browser.get(browser.providerPath)
        #expect(page.contains("Eng: ${*} Unit") && page.contains(">Business unit<"))
        let unknownRole = browser.post(
            "\(browser.providerPath)/mappings",
            [("kind", "role"), ("attribute", "groups"), ("value", "x"), ("target", "Emperor")])
        #expect(unknownRole.status == 400 && unknownRole.contains("names no known role"))
        #expect(unknownRole.value(of: "rule-target") == "Emperor", "the form keeps what was typed")
        let empty = browser.post(
            "\(browser.providerPath)/mappings", [("kind", "team"), ("attribute", ""), ("value", "*"), ("target", "*")])
        #expect(empty.status == 400)

        let rules = try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
            try $0.adminMappingRules.list(providerID: browser.provider.id)
        }
        #expect(rules.map(\.target) == ["Admin", "*", "${*}"])
        let deleted = browser.post("\(browser.providerPath)/mappings/\(rules[0].id.uuidString.lowercased())/delete")
        #expect(deleted.status == 303 && deleted.location?.contains("notice=rule-deleted") == true)
        let left = try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
            try $0.adminMappingRules.list(providerID: browser.provider.id).count
        }
        #expect(left == 2)
    }

    @Test("Verify & Next refuses to enable SCIM until the provider's OIDC sign-in is configured")
    func verifyNeedsSignIn() throws {
        var browser = try DashboardHarness()
        browser.get(browser.providerPath)
        browser.post("\(browser.providerPath)/disable-scim")
        browser.get("\(browser.providerPath)/configuration")
        let refused = browser.post("\(browser.providerPath)/configuration", [("scim_enabled", "on")])
        #expect(refused.status == 400 && refused.contains("Verification failed") && refused.contains("issuer"))
        #expect(refused.value(of: "provisioning-token") == nil)
        let record = try #require(
            try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
                try $0.adminProviders.find(id: browser.provider.id)
            })
        #expect(!record.scimEnabled)
    }

    @Test("Enable SCIM Provisioning and Verify & Next show the endpoint without a trailing slash and a working token")
    func setupComplete() throws {
        var browser = try DashboardHarness()
        try configureSignIn(browser)
        browser.get(browser.providerPath)
        browser.post("\(browser.providerPath)/disable-scim")
        let oldToken = browser.gateway.token
        #expect(browser.scim("GET", "Users", token: oldToken) == 401)

        let configuration = browser.get("\(browser.providerPath)/configuration")
        #expect(configuration.contains("Provider Configuration") && configuration.contains("Enable SCIM Provisioning"))
        #expect(configuration.contains("role=\"switch\"") && configuration.contains("Verify &amp; Next"))
        #expect(configuration.contains("class=\"shell\" inert"))
        let complete = browser.post("\(browser.providerPath)/configuration", [("scim_enabled", "on")])
        #expect(complete.status == 200 && complete.contains("Setup Complete"))
        #expect(complete.value(of: "scim-endpoint") == "https://scim.example.test/scim/v2")
        #expect(complete.contains("shown only once") && complete.contains("data-copy=\"provisioning-token\""))
        let token = try #require(complete.value(of: "provisioning-token"))
        #expect(browser.scim("GET", "Users", token: token) == 200)
        #expect(browser.scim("GET", "Users", token: oldToken) == 401)

        // Enabling again changes nothing: the token is not issued twice.
        let again = browser.post("\(browser.providerPath)/configuration", [("scim_enabled", "on")])
        #expect(again.status == 303 && again.location?.hasSuffix("notice=scim-unchanged") == true)
        #expect(browser.scim("GET", "Users", token: token) == 200)
    }

    @Test("Rotate Token asks first, then the old token fails at once and the new one works")
    func rotate() throws {
        var browser = try DashboardHarness()
        let old = browser.gateway.token
        let confirmation = browser.get("\(browser.providerPath)/rotate-token")
        #expect(confirmation.contains("stops working immediately") && confirmation.contains(String(old.prefix(11))))
        #expect(browser.scim("GET", "Users", token: old) == 200, "asking changes nothing")
        let rotated = browser.post("\(browser.providerPath)/rotate-token")
        #expect(rotated.status == 200 && rotated.contains("Token Rotated"))
        let new = try #require(rotated.value(of: "provisioning-token"))
        #expect(new != old)
        #expect(browser.scim("GET", "Users", token: old) == 401)
        #expect(browser.scim("GET", "Users", token: new) == 200)
    }

    @Test("switching SCIM off asks for confirmation, then revokes the token")
    func disable() throws {
        var browser = try DashboardHarness()
        browser.get("\(browser.providerPath)/configuration")
        let confirm = browser.post("\(browser.providerPath)/configuration")
        #expect(confirm.status == 200 && confirm.contains("Turn off SCIM provisioning?"))
        #expect(browser.scim("GET", "Users") == 200)
        let off = browser.post("\(browser.providerPath)/disable-scim")
        #expect(off.status == 303 && off.location?.hasSuffix("notice=scim-disabled") == true)
        #expect(browser.scim("GET", "Users") == 401)
        let rotation = browser.get("\(browser.providerPath)/rotate-token")
        #expect(rotation.contains("SCIM is not enabled"))
    }

    @Test("the provider list and page show SCIM state, token prefix and quick actions")
    func providerPages() throws {
        var browser = try DashboardHarness()
        let list = browser.get("/dashboard/providers")
        #expect(
            list.contains("Okta") && list.contains("Enabled") && list.contains(String(browser.gateway.token.prefix(11)))
        )
        #expect(list.contains("aria-current=\"page\""))
        let page = browser.get(browser.providerPath)
        for text in [
            "Connection details", "Attribute mappings", "Quick actions", "aria-label=\"Provider configuration\"",
            "Rotate token", "Provisioning log", "https://scim.example.test/scim/v2\"",
            "https://scim.example.test/auth/oidc/callback",
        ] {
            #expect(page.contains(text), "\(text)")
        }
        #expect(!page.contains(browser.gateway.token))
    }

    @Test("the provisioning log lists the provider's SCIM requests, newest first, redacted")
    func provisioningLog() throws {
        var browser = try DashboardHarness()
        let user = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"secret.person@example.test"}
            """
        #expect(browser.scim("POST", "Users", user) == 201)
        #expect(browser.scim("GET", "Users?filter=userName%20eq%20%22nobody%22") == 200)
        #expect(browser.gateway.handler.provisioningLog.waitUntilIdle(timeout: 10))
        let log = browser.get("\(browser.providerPath)/log")
        #expect(log.status == 200)
        #expect(log.contains("POST /scim/v2/Users") && log.contains("GET /scim/v2/Users"))
        #expect(!log.contains("secret.person") && !log.contains(browser.gateway.token))
        let post = try #require(log.body.range(of: "POST /scim/v2/Users"))
        let get = try #require(log.body.range(of: "GET /scim/v2/Users"))
        #expect(get.lowerBound < post.lowerBound, "newest first")
    }

    private func configureSignIn(_ browser: DashboardHarness) throws {
        _ = try TenantDatabase(pool: browser.gateway.pool, tenantID: browser.tenantID).transaction {
            try $0.adminProviders.update(
                id: browser.provider.id,
                AdminProviderChanges(issuer: .some("https://idp.example.test"), clientID: .some("client")))
        }
    }
}
