import Storage

/// The dialogs of SCIM provisioning over a provider's page: Provider Configuration, Setup Complete (the token, once),
/// and the confirmations of rotating the token and switching SCIM off.
enum DashboardProvisioningView {
    static let titleID = "dialog-title"
    static let descriptionID = "dialog-description"

    /// Provider Configuration: the Enable SCIM Provisioning switch and Verify & Next.
    static func configuration(
        _ record: AdminProviderRecord, principal: DashboardPrincipal, problems: [String]
    ) -> HTMLFragment {
        let path = path(record)
        let checked: HTMLFragment = record.scimEnabled ? " checked" : ""
        let banner =
            problems.isEmpty
            ? HTMLFragment.empty
            : DashboardLayout.banners(
                notice: nil, error: "Verification failed. " + problems.joined(separator: " "))
        let issued: HTMLFragment = record.tokenCreatedAt.map { " issued " + DashboardFormat.time($0) } ?? ""
        let current: HTMLFragment =
            record.scimEnabled
            ? """
            <div class="callout callout-info">\(DashboardIcon.key)<div><p>Provisioning token \
            <code>\(record.tokenPrefix ?? "scimgw_")…</code>\(issued). \
            It was shown once; to get a new one, rotate it. Turning SCIM off revokes it.</p>
            <p><a class="button button-secondary button-small" href="\(path)/rotate-token">\(DashboardIcon.rotate)\
            <span>Rotate Token</span></a></p></div></div>
            """ : ""
        return DashboardLayout.dialog(
            labelledBy: titleID, describedBy: descriptionID,
            content: """
                <div class="dialog-header">
                <h2 class="dialog-title" id="\(titleID)">Provider Configuration</h2>
                <a class="icon-button" href="\(path)" aria-label="Close">\(DashboardIcon.close)</a>
                </div>
                <p class="dialog-lead" id="\(descriptionID)">SCIM settings of \(record.name).</p>
                \(banner)
                <form method="post" action="\(path)/configuration">
                \(DashboardLayout.csrfField(principal))
                <div class="toggle-row">
                <div>
                <label class="toggle-label" for="scim-enabled">Enable SCIM Provisioning</label>
                <p class="hint" id="scim-enabled-hint">Lets \(record.name) create, update and deactivate people and \
                push groups in real time through SCIM 2.0. The SCIM endpoint URL and a provisioning token are \
                generated when you continue.</p>
                </div>
                <input type="checkbox" class="switch" id="scim-enabled" name="scim_enabled" value="on" role="switch" \
                aria-describedby="scim-enabled-hint"\(checked) autofocus>
                </div>
                \(current)
                <div class="dialog-actions">
                <a class="button button-secondary" href="\(path)">Cancel</a>
                <button type="submit" class="button button-primary">Verify &amp; Next</button>
                </div>
                </form>
                """)
    }

    /// Setup Complete (or, after a rotation, the new token): the endpoint and the token, shown this once.
    static func setupComplete(
        _ record: AdminProviderRecord, endpoint: String, token: String, rotated: Bool
    ) -> HTMLFragment {
        let title = rotated ? "Token Rotated" : "Setup Complete"
        let lead =
            rotated
            ? "The previous token of \(record.name) no longer works. Paste the new token into your IdP now: "
                + "provisioning fails until you do."
            : "SCIM provisioning is on for \(record.name). Paste these two values into your IdP's provisioning "
                + "settings, then use its Test Connection button."
        return DashboardLayout.dialog(
            labelledBy: titleID, describedBy: descriptionID,
            content: """
                <div class="dialog-icon dialog-icon-positive">\(DashboardIcon.check)</div>
                <h2 class="dialog-title" id="\(titleID)" tabindex="-1" autofocus>\(title)</h2>
                <p class="dialog-lead" id="\(descriptionID)">\(lead)</p>
                \(DashboardComponents.copyField(
                    id: "scim-endpoint", label: "SCIM Endpoint URL", value: endpoint,
                    hint: "The SCIM base URL or Tenant URL, with no trailing slash."))
                \(DashboardComponents.copyField(
                    id: "provisioning-token", label: "Provisioning Token", value: token,
                    hint: "The bearer token or secret token of the IdP's SCIM connection."))
                <div class="callout callout-warning" role="note">\(DashboardIcon.warning)<div>\
                <p><strong>This token is shown only once.</strong> Store it somewhere safe before closing this \
                dialog. You can rotate it later, but the previous token becomes invalid immediately.</p></div></div>
                <p class="visually-hidden" id="copy-status" role="status" aria-live="polite"></p>
                <div class="dialog-actions">
                <a class="button button-primary" href="\(path(record))">Done</a>
                </div>
                """)
    }

    /// Rotate Token: the confirmation that the current token stops working at once.
    static func confirmRotation(_ record: AdminProviderRecord, principal: DashboardPrincipal) -> HTMLFragment {
        let path = path(record)
        guard record.scimEnabled else {
            return notice(
                record, title: "SCIM is not enabled",
                text: "This provider has no provisioning token to rotate. Enable SCIM provisioning first.")
        }
        return DashboardLayout.dialog(
            labelledBy: titleID, describedBy: descriptionID,
            content: """
                <div class="dialog-icon dialog-icon-warning">\(DashboardIcon.rotate)</div>
                <h2 class="dialog-title" id="\(titleID)">Rotate provisioning token?</h2>
                <p class="dialog-lead" id="\(descriptionID)">A new token is issued for \(record.name), and the current \
                token <code>\(record.tokenPrefix ?? "scimgw_")…</code> stops working immediately, on every server. \
                Provisioning from the IdP fails until you paste the new token into it.</p>
                <form method="post" action="\(path)/rotate-token">
                \(DashboardLayout.csrfField(principal))
                <div class="dialog-actions">
                <a class="button button-secondary" href="\(path)" autofocus>Cancel</a>
                <button type="submit" class="button button-danger">Rotate Token</button>
                </div>
                </form>
                """)
    }

    /// Switching SCIM off: the confirmation that the token is revoked at once.
    static func confirmDisable(_ record: AdminProviderRecord, principal: DashboardPrincipal) -> HTMLFragment {
        let path = path(record)
        return DashboardLayout.dialog(
            labelledBy: titleID, describedBy: descriptionID,
            content: """
                <div class="dialog-icon dialog-icon-warning">\(DashboardIcon.warning)</div>
                <h2 class="dialog-title" id="\(titleID)">Turn off SCIM provisioning?</h2>
                <p class="dialog-lead" id="\(descriptionID)">The provisioning token of \(record.name) stops working \
                immediately. People and groups it already provisioned stay as they are.</p>
                <form method="post" action="\(path)/disable-scim">
                \(DashboardLayout.csrfField(principal))
                <div class="dialog-actions">
                <a class="button button-secondary" href="\(path)" autofocus>Cancel</a>
                <button type="submit" class="button button-danger">Turn off SCIM</button>
                </div>
                </form>
                """)
    }

    private static func notice(_ record: AdminProviderRecord, title: String, text: String) -> HTMLFragment {
        DashboardLayout.dialog(
            labelledBy: titleID, describedBy: descriptionID,
            content: """
                <h2 class="dialog-title" id="\(titleID)">\(title)</h2>
                <p class="dialog-lead" id="\(descriptionID)">\(text)</p>
                <div class="dialog-actions">
                <a class="button button-secondary" href="\(path(record))">Close</a>
                <a class="button button-primary" href="\(path(record))/configuration" autofocus>\
                Provider configuration</a>
                </div>
                """)
    }

    private static func path(_ record: AdminProviderRecord) -> String {
        "/dashboard/providers/\(record.id.lowercasedString)"
    }
}
