import Identity
import Storage

/// One provider's dashboard (connection details, attribute mappings, quick actions, recent provisioning) and its
/// connection form.
enum DashboardProviderView {
    struct Model {
        let record: AdminProviderRecord
        let settings: SignInSettings
        let rules: [MappingRule]
        let recent: [AdminProvisioningLogEntry]
        let baseURL: String
        /// The add-rule form's values, kept after a refused rule.
        let rule: DashboardRuleForm

        var path: String { "/dashboard/providers/\(record.id.lowercasedString)" }
    }

    static func render(
        _ model: Model, principal: DashboardPrincipal, notice: DashboardNotice?, error: String?,
        dialog: HTMLFragment? = nil
    ) -> HTMLFragment {
        let record = model.record
        let header: HTMLFragment = """
            <div class="page-header">
            <div>
            <div class="title-row"><h1 class="page-title">\(record.name)</h1>\(statusBadges(record))</div>
            <p class="page-lead">OIDC provider · added \(DashboardFormat.time(record.createdAt))</p>
            </div>
            <div class="header-actions">
            <a class="button button-secondary" href="\(model.path)/connection">\(DashboardIcon.edit)\
            <span>Edit connection</span></a>
            <a class="icon-button" href="\(model.path)/configuration" aria-label="Provider configuration" \
            title="Provider configuration">\(DashboardIcon.settings)</a>
            </div>
            </div>
            """
        let content: HTMLFragment = """
            <div class="grid">
            <div class="grid-main">
            \(connection(model))
            \(mappings(model, principal: principal))
            </div>
            <div class="grid-side">
            \(quickActions(model))
            \(recent(model))
            </div>
            </div>
            """
        return DashboardLayout.render(
            DashboardLayout.Page(
                title: record.name, section: .provisioning,
                breadcrumbs: [("User Provisioning", "/dashboard/providers")],
                header: header, notice: notice, error: error, content: content, dialog: dialog),
            principal: principal)
    }

    static func statusBadges(_ record: AdminProviderRecord) -> HTMLFragment {
        let signIn =
            record.issuer != nil && record.clientID != nil
            ? DashboardFormat.badge("Sign-in configured", tone: .positive)
            : DashboardFormat.badge("Sign-in not configured", tone: .neutral)
        let scim =
            record.scimEnabled
            ? DashboardFormat.badge("SCIM enabled", tone: .positive) : DashboardFormat.badge("SCIM off", tone: .neutral)
        return "<span class=\"badges\">\(signIn)\(scim)</span>"
    }

    private static func connection(_ model: Model) -> HTMLFragment {
        let record = model.record
        let settings = model.settings
        let notSet: HTMLFragment = "<span class=\"muted\">Not set</span>"
        let scim: HTMLFragment =
            record.scimEnabled
            ? DashboardFormat.badge("Enabled", tone: .positive)
                + (record.tokenPrefix.map { " token <code>\($0)…</code>" } ?? "")
                + (record.tokenCreatedAt.map { " issued \(DashboardFormat.time($0))" } ?? "")
            : DashboardFormat.badge("Off", tone: .neutral)
        var copies = HTMLFragment.empty
        if record.scimEnabled {
            copies += DashboardComponents.copyField(
                id: "scim-endpoint", label: "SCIM Endpoint URL", value: model.baseURL + SCIMRouter.prefix,
                hint: "The SCIM base URL (Tenant URL) for the IdP, with no trailing slash.")
        }
        copies += DashboardComponents.copyField(
            id: "sign-in-url", label: "Sign-in URL",
            value: model.baseURL + "/auth/oidc/\(record.id.lowercasedString)/login",
            hint: "People sign in here; administrators then land on this dashboard.")
        copies += DashboardComponents.copyField(
            id: "redirect-uri", label: "Redirect URI", value: model.baseURL + "/auth/oidc/callback",
            hint: "Register it as an allowed redirect URI of the application in the IdP.")
        let details = DashboardComponents.details([
            ("Issuer", settings.issuer.map { "<span class=\"mono\">\($0)</span>" } ?? notSet),
            ("Client ID", settings.clientID.map { "<span class=\"mono\">\($0)</span>" } ?? notSet),
            (
                "Client secret",
                settings.clientSecretSealed == nil
                    ? "<span class=\"muted\">Not set (public client)</span>" : "Stored, encrypted"
            ),
            ("Scopes", "<span class=\"mono\">\(settings.scopes)</span>"),
            ("People changed by", "\(DashboardFormat.mode(record.provisioningMode))"),
            ("Role strategy", "\(DashboardFormat.strategy(record.roleStrategy))"),
            ("SCIM groups become teams", record.groupsBecomeTeams ? "Yes" : "No"),
            ("SCIM provisioning", scim),
            ("Provider ID", "<span class=\"mono\">\(record.id.lowercasedString)</span>"),
        ])
        return DashboardComponents.card(id: "connection", title: "Connection details", content: details + copies)
    }

    private static func mappings(_ model: Model, principal: DashboardPrincipal) -> HTMLFragment {
        let rows = model.rules.map { rule -> HTMLFragment in
            let summary =
                "\(DashboardFormat.kind(rule.kind)): \(rule.attribute) matching \(rule.value) gives "
                + rule.target
            return """
                <tr>
                <td>\(DashboardFormat.badge(DashboardFormat.kind(rule.kind), tone: .info))</td>
                <td class="mono">\(rule.attribute)</td>
                <td class="mono">\(rule.value)</td>
                <td class="mono">\(rule.target)</td>
                <td class="cell-action">
                <form method="post" action="\(model.path)/mappings/\(rule.id.lowercasedString)/delete">
                \(DashboardLayout.csrfField(principal))
                <button type="submit" class="button button-danger-quiet button-small" aria-label="Delete rule \
                \(summary)">Delete</button>
                </form>
                </td>
                </tr>
                """
        }
        let table: HTMLFragment =
            model.rules.isEmpty
            ? DashboardComponents.empty(
                "No mapping rules yet",
                "Without a role rule nobody can sign in through this provider; SCIM still provisions people.")
            : """
            <div class="table-scroll">
            <table class="table">
            <caption class="visually-hidden">Mapping rules in evaluation order</caption>
            <thead><tr><th scope="col">Gives</th><th scope="col">Attribute</th><th scope="col">Matches</th>\
            <th scope="col">Target</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>\(rows)</tbody>
            </table>
            </div>
            """
        let options = MappingKind.allCases.map { kind -> HTMLFragment in
            let selected: HTMLFragment = model.rule.kind == kind ? " selected" : ""
            return "<option value=\"\(kind.rawValue)\"\(selected)>\(DashboardFormat.kind(kind))</option>"
        }
        let groupsNote =
            model.record.groupsBecomeTeams ? " Each SCIM group also becomes a team of the same name." : ""
        let content: HTMLFragment = """
            <p class="card-lead">Rules turn SCIM attributes, SCIM group names (<code>groups</code>) and sign-in claims \
            (<code>claims.&lt;name&gt;</code>) into a role, teams and business units. Values compare ignoring case; \
            <code>*</code> matches any value and, as a target, names it; <code>${*}</code> captures part of a value \
            (<code>Eng: ${*} Team</code>).\(groupsNote) Role strategy: \
            \(DashboardFormat.strategy(model.record.roleStrategy)).</p>
            \(table)
            <form method="post" action="\(model.path)/mappings" class="rule-form" aria-labelledby="add-rule-title">
            \(DashboardLayout.csrfField(principal))
            <h3 class="subsection-title" id="add-rule-title">Add a rule</h3>
            <div class="rule-fields">
            <div class="field"><label for="rule-kind">Gives</label>
            <select id="rule-kind" name="kind">\(options)</select></div>
            <div class="field"><label for="rule-attribute">Attribute</label>
            <input id="rule-attribute" name="attribute" value="\(model.rule.attribute)" placeholder="groups" \
            maxlength="300" required spellcheck="false"></div>
            <div class="field"><label for="rule-value">Matches</label>
            <input id="rule-value" name="value" value="\(model.rule.value)" placeholder="*" maxlength="300" required \
            spellcheck="false"></div>
            <div class="field"><label for="rule-target">Target</label>
            <input id="rule-target" name="target" value="\(model.rule.target)" placeholder="*" maxlength="200" \
            required spellcheck="false"></div>
            <div class="field field-action"><button type="submit" class="button button-primary">Add rule</button></div>
            </div>
            </form>
            """
        return DashboardComponents.card(id: "mappings", title: "Attribute mappings", content: content)
    }

    private static func quickActions(_ model: Model) -> HTMLFragment {
        let path = model.path
        func action(_ href: String, _ icon: HTMLFragment, _ title: String) -> HTMLFragment {
            "<li><a href=\"\(href)\">\(icon)<span>\(title)</span></a></li>"
        }
        var actions = [action("\(path)/configuration", DashboardIcon.settings, "Provider configuration")]
        if model.record.scimEnabled {
            actions.append(action("\(path)/rotate-token", DashboardIcon.rotate, "Rotate token"))
        } else {
            actions.append(action("\(path)/configuration", DashboardIcon.key, "Enable SCIM provisioning"))
        }
        actions.append(action("\(path)/log", DashboardIcon.log, "Provisioning log"))
        if model.settings.issuer != nil && model.settings.clientID != nil {
            let discover = "/auth/oidc/\(model.record.id.lowercasedString)/discover-claims"
            actions.append(action(discover, DashboardIcon.signIn, "Test sign-in and see claims"))
        }
        actions.append(action("/dashboard/users", DashboardIcon.users, "Provisioned users"))
        return DashboardComponents.card(
            id: "quick-actions", title: "Quick actions", content: "<ul class=\"action-list\">\(actions)</ul>")
    }

    private static func recent(_ model: Model) -> HTMLFragment {
        let content: HTMLFragment
        if model.recent.isEmpty {
            content = DashboardComponents.empty(
                "Nothing received yet", "Requests from the IdP's SCIM client appear here as they arrive.")
        } else {
            let items = model.recent.map { entry -> HTMLFragment in
                """
                <li><span class="mono">\(entry.method) \(entry.route)</span>\(DashboardFormat.httpStatus(entry.status))\
                <span class="sub">\(DashboardFormat.time(entry.occurredAt))</span></li>
                """
            }
            content = "<ul class=\"recent-list\">\(items)</ul>"
        }
        let link: HTMLFragment = "<a class=\"card-link\" href=\"\(model.path)/log\">View log</a>"
        return DashboardComponents.card(id: "recent", title: "Recent provisioning", actions: link, content: content)
    }

    // MARK: - Connection form

    static func connection(
        _ record: AdminProviderRecord, values: DashboardProviderForm, secretStored: Bool,
        principal: DashboardPrincipal, baseURL: String
    ) -> HTMLFragment {
        let path = "/dashboard/providers/\(record.id.lowercasedString)"
        let strategies = RoleStrategy.allCases.map { strategy -> HTMLFragment in
            let checked: HTMLFragment = values.roleStrategy == strategy ? " checked" : ""
            return """
                <label class="choice"><input type="radio" name="role_strategy" value="\(strategy.rawValue)"\(checked)>\
                <span>\(DashboardFormat.strategy(strategy))</span></label>
                """
        }
        let groupsChecked: HTMLFragment = values.groupsBecomeTeams ? " checked" : ""
        let claimFields: [(String, String, String)] = [
            ("claim_user_id", "User id claim", values.claims.userID),
            ("claim_email", "Email claim", values.claims.email), ("claim_name", "Name claim", values.claims.name),
        ]
        let claims = claimFields.map { name, label, value -> HTMLFragment in
            """
            <div class="field"><label for="\(name)">\(label)</label>\
            <input id="\(name)" name="\(name)" value="\(value)" maxlength="500" spellcheck="false"></div>
            """
        }
        let content: HTMLFragment = """
            <form method="post" action="\(path)/connection" class="card form-card" novalidate>
            \(DashboardLayout.csrfField(principal))
            \(identityFields(values, secretStored: secretStored))
            <div class="field"><label for="scopes">Scopes</label>
            <input id="scopes" name="scopes" value="\(values.scopes)" maxlength="500" spellcheck="false" \
            aria-describedby="scopes-hint">
            <p class="hint" id="scopes-hint">Space-separated; must include openid. offline_access lets sessions be \
            checked every 15 minutes.</p></div>
            <div class="field"><label for="audience">Audience (optional)</label>
            <input id="audience" name="audience" value="\(values.audience)" maxlength="500" spellcheck="false" \
            aria-describedby="audience-hint">
            <p class="hint" id="audience-hint">Only when the ID token's audience differs from the client ID.</p></div>
            \(modeField(values.mode))
            <fieldset class="field"><legend>Role strategy</legend>
            <p class="hint">How one role is chosen when several role rules match.</p>
            <div class="choices">\(strategies)</div></fieldset>
            <div class="field"><label class="choice"><input type="checkbox" name="groups_become_teams" value="on"\
            \(groupsChecked)><span>Each SCIM group becomes a team of the same name</span></label></div>
            <fieldset class="field"><legend>Claim names</legend>
            <div class="field-grid">\(claims)</div></fieldset>
            \(DashboardComponents.copyField(
                id: "redirect-uri", label: "Redirect URI", value: baseURL + "/auth/oidc/callback",
                hint: "Register it as an allowed redirect URI of the application in the IdP."))
            <div class="actions">
            <a class="button button-secondary" href="\(path)">Cancel</a>
            <button type="submit" class="button button-primary">Save connection</button>
            </div>
            </form>
            """
        return DashboardLayout.render(
            DashboardLayout.Page(
                title: "Edit connection", section: .provisioning,
                breadcrumbs: [("User Provisioning", "/dashboard/providers"), (record.name, path)],
                error: values.problems.isEmpty ? nil : values.problems.joined(separator: " "), content: content),
            principal: principal)
    }

    /// Name, issuer, client id and the write-only client secret.
    static func identityFields(_ values: DashboardProviderForm, secretStored: Bool) -> HTMLFragment {
        let secretHint =
            secretStored
            ? "A secret is stored (encrypted). Leave empty to keep it; type a new one to replace it."
            : "Stored encrypted and never shown again. Leave empty for a public client (PKCE only)."
        return """
            <div class="field"><label for="name">Name</label>
            <input id="name" name="name" value="\(values.name)" maxlength="200" required autocomplete="off" \
            aria-describedby="name-hint">
            <p class="hint" id="name-hint">How administrators recognise this IdP, such as Okta or Entra ID.</p></div>
            <div class="field"><label for="issuer">Issuer URL</label>
            <input id="issuer" name="issuer" type="url" value="\(values.issuer)" maxlength="500" spellcheck="false" \
            placeholder="https://idp.example.com" aria-describedby="issuer-hint">
            <p class="hint" id="issuer-hint">Its /.well-known/openid-configuration must answer.</p></div>
            <div class="field"><label for="client-id">Client ID</label>
            <input id="client-id" name="client_id" value="\(values.clientID)" maxlength="300" spellcheck="false" \
            autocomplete="off"></div>
            <div class="field"><label for="client-secret">Client secret</label>
            <input id="client-secret" name="client_secret" type="password" maxlength="1000" \
            autocomplete="new-password" \
            aria-describedby="client-secret-hint">
            <p class="hint" id="client-secret-hint">\(secretHint)</p></div>
            """
    }

    /// The provisioning source: SCIM and sign-in claims, or SCIM only.
    static func modeField(_ mode: ProvisioningMode) -> HTMLFragment {
        let choices = ProvisioningMode.allCases.map { option -> HTMLFragment in
            let checked: HTMLFragment = option == mode ? " checked" : ""
            let explanation =
                option == .both
                ? "Sign-in creates unknown people and updates what claims own."
                : "Only people provisioned by SCIM may sign in."
            return """
                <label class="choice"><input type="radio" name="mode" value="\(option.rawValue)"\(checked)>\
                <span>\(DashboardFormat.mode(option))<span class="sub">\(explanation)</span></span></label>
                """
        }
        return """
            <fieldset class="field"><legend>People are changed by</legend>
            <div class="choices">\(choices)</div></fieldset>
            """
    }
}
