import Storage

/// Governance → User Provisioning: the list of OIDC providers, and the form that adds one.
enum DashboardProvidersView {
    static func list(
        _ providers: [AdminProviderRecord], principal: DashboardPrincipal, notice: DashboardNotice?
    ) -> HTMLFragment {
        let add: HTMLFragment =
            "<a class=\"button button-primary\" href=\"/dashboard/providers/new\"><span>Add provider</span></a>"
        let header: HTMLFragment = """
            <div class="page-header">
            <div><h1 class="page-title">User Provisioning</h1>
            <p class="page-lead">Identity providers your people sign in with (OIDC) and that provision them \
            (SCIM 2.0).</p></div>
            \(providers.isEmpty ? HTMLFragment.empty : add)
            </div>
            """
        let content: HTMLFragment
        if providers.isEmpty {
            content = DashboardComponents.empty(
                "No identity provider yet",
                "Add your IdP (Okta, Microsoft Entra ID, Google Workspace, Keycloak or any OIDC provider) to let "
                    + "people sign in and to receive SCIM provisioning.", action: add)
        } else {
            let rows = providers.map { provider -> HTMLFragment in
                let path = "/dashboard/providers/\(provider.id.lowercasedString)"
                let signIn =
                    provider.issuer != nil && provider.clientID != nil
                    ? DashboardFormat.badge("Configured", tone: .positive)
                    : DashboardFormat.badge("Not configured", tone: .neutral)
                let scim =
                    provider.scimEnabled
                    ? DashboardFormat.badge("Enabled", tone: .positive) : DashboardFormat.badge("Off", tone: .neutral)
                let token: HTMLFragment =
                    provider.tokenPrefix.map { "<code>\($0)…</code>" } ?? "<span class=\"muted\">None</span>"
                return """
                    <tr>
                    <th scope="row"><a href="\(path)">\(provider.name)</a>\
                    <span class="sub">\(provider.issuer ?? "No issuer yet")</span></th>
                    <td>\(signIn)</td>
                    <td>\(scim)</td>
                    <td>\(DashboardFormat.mode(provider.provisioningMode))</td>
                    <td>\(token)</td>
                    <td>\(DashboardFormat.time(provider.createdAt))</td>
                    </tr>
                    """
            }
            content = """
                <div class="card card-flush">
                <table class="table">
                <caption class="visually-hidden">OIDC providers</caption>
                <thead><tr><th scope="col">Provider</th><th scope="col">Sign-in (OIDC)</th>\
                <th scope="col">SCIM provisioning</th><th scope="col">People changed by</th>\
                <th scope="col">Provisioning token</th><th scope="col">Created</th></tr></thead>
                <tbody>\(rows)</tbody>
                </table>
                </div>
                """
        }
        return DashboardLayout.render(
            DashboardLayout.Page(
                title: "User Provisioning", section: .provisioning, header: header, notice: notice, content: content),
            principal: principal)
    }

    static func new(_ values: DashboardProviderForm, principal: DashboardPrincipal, baseURL: String) -> HTMLFragment {
        let content: HTMLFragment = """
            <form method="post" action="/dashboard/providers" class="card form-card" novalidate>
            \(DashboardLayout.csrfField(principal))
            \(DashboardProviderView.identityFields(values, secretStored: false))
            \(DashboardProviderView.modeField(values.mode))
            \(DashboardComponents.copyField(
                id: "redirect-uri", label: "Redirect URI to register in the IdP",
                value: baseURL + "/auth/oidc/callback",
                hint: "Add this as an allowed sign-in redirect URI of the application in your IdP."))
            <div class="actions">
            <a class="button button-secondary" href="/dashboard/providers">Cancel</a>
            <button type="submit" class="button button-primary">Create provider</button>
            </div>
            </form>
            """
        return DashboardLayout.render(
            DashboardLayout.Page(
                title: "Add provider", section: .provisioning,
                breadcrumbs: [("User Provisioning", "/dashboard/providers")],
                error: values.problems.isEmpty ? nil : values.problems.joined(separator: " "), content: content),
            principal: principal)
    }
}
