import Foundation
import HTTPServer
import Identity
import Storage

extension DashboardEndpoints {
    /// `GET /dashboard/providers/{id}/configuration`: Provider Configuration, opened by the settings icon, with the
    /// Enable SCIM Provisioning toggle.
    func configuration(_ context: DashboardContext) throws -> HTTPResponse {
        try dialog(context) { record, principal in
            DashboardProvisioningView.configuration(record, principal: principal, problems: [])
        }
    }

    /// `POST /dashboard/providers/{id}/configuration` (Verify & Next): with the toggle on, checks that sign-in is
    /// configured, enables SCIM and answers the Setup Complete dialog with the endpoint and the token. The token is in
    /// this one response body only: never in a URL, a redirect or a log, and the page is not cached.
    func verifyAndNext(_ context: DashboardContext) throws -> HTTPResponse {
        let (record, settings) = try load(context)
        let wantsSCIM = try context.posted.isChecked("scim_enabled")
        switch (wantsSCIM, record.scimEnabled) {
        case (true, false):
            let problems = Self.verify(record, settings)
            guard problems.isEmpty else {
                return try dialog(context, status: 400) { record, principal in
                    DashboardProvisioningView.configuration(record, principal: principal, problems: problems)
                }
            }
            let (enabled, secret) = try tenant(context).transaction { try $0.adminProviders.enableSCIM(id: record.id) }
            return try dialog(context, record: enabled) { record, principal in
                DashboardProvisioningView.setupComplete(
                    record, endpoint: Self.scimEndpoint(context), token: secret.text, rotated: false)
            }
        case (false, true):
            return try dialog(context) { record, principal in
                DashboardProvisioningView.confirmDisable(record, principal: principal)
            }
        default:
            let unchanged = DashboardNotice.scimUnchanged.rawValue
            return DashboardResponse.redirect(
                to: "/dashboard/providers/\(record.id.lowercasedString)?notice=\(unchanged)")
        }
    }

    /// `GET /dashboard/providers/{id}/rotate-token`: the confirmation that the current token stops working at once.
    func confirmRotation(_ context: DashboardContext) throws -> HTTPResponse {
        try dialog(context) { record, principal in
            DashboardProvisioningView.confirmRotation(record, principal: principal)
        }
    }

    /// `POST /dashboard/providers/{id}/rotate-token`: issues a new token; the old one fails from the commit on, on
    /// every replica. The new token is shown in this response body only.
    func rotateToken(_ context: DashboardContext) throws -> HTTPResponse {
        let id = try context.id("providerId", "provider")
        let secret = try tenant(context).transaction { try $0.adminProviders.rotateToken(id: id) }
        return try dialog(context) { record, principal in
            DashboardProvisioningView.setupComplete(
                record, endpoint: Self.scimEndpoint(context), token: secret.text, rotated: true)
        }
    }

    /// `POST /dashboard/providers/{id}/disable-scim`: switches SCIM off and revokes the token.
    func disableSCIM(_ context: DashboardContext) throws -> HTTPResponse {
        let id = try context.id("providerId", "provider")
        _ = try tenant(context).transaction { try $0.adminProviders.disableSCIM(id: id) }
        return DashboardResponse.redirect(
            to: "/dashboard/providers/\(id.lowercasedString)?notice=\(DashboardNotice.scimDisabled.rawValue)")
    }

    /// What must be in place before SCIM is switched on: SCIM runs beside OIDC sign-in (the setup guide's first
    /// note), so the provider needs its issuer and client id. Checked locally; the IdP itself is not called.
    static func verify(_ record: AdminProviderRecord, _ settings: SignInSettings) -> [String] {
        var problems: [String] = []
        if settings.issuer == nil {
            problems.append("Set the issuer URL under Edit connection: SCIM runs alongside OIDC sign-in.")
        }
        if settings.clientID == nil { problems.append("Set the OIDC client ID under Edit connection.") }
        return problems
    }

    /// Where IdPs reach SCIM, with no trailing slash (Entra and Okta append paths to it).
    static func scimEndpoint(_ context: DashboardContext) -> String {
        context.baseURL + SCIMRouter.prefix
    }

    /// The provider page behind a modal dialog built from the provider's current state.
    private func dialog(
        _ context: DashboardContext, record updated: AdminProviderRecord? = nil, status: Int = 200,
        _ build: (AdminProviderRecord, DashboardPrincipal) -> HTMLFragment
    ) throws -> HTTPResponse {
        let (loaded, settings) = try load(context)
        let record = updated ?? loaded
        let (rules, recent) = try tenant(context).transaction { tenant in
            (
                try tenant.adminMappingRules.list(providerID: record.id),
                try tenant.adminProvisioningLog.list(providerID: record.id, AdminPageRequest(limit: 5)).items
            )
        }
        let model = DashboardProviderView.Model(
            record: record, settings: settings, rules: rules, recent: recent, baseURL: context.baseURL,
            rule: DashboardRuleForm())
        let principal = try context.administrator
        return DashboardResponse.page(
            DashboardProviderView.render(
                model, principal: principal, notice: nil, error: nil, dialog: build(record, principal)),
            status: status)
    }
}
