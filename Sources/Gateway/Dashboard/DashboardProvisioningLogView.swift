import SCIM
import Storage

/// A provider's provisioning log: each SCIM request, redacted when it was recorded, with our answer, the IdP dialect
/// recognised and the quirks tolerated.
enum DashboardProvisioningLogView {
    static func render(
        _ record: AdminProviderRecord, entries: AdminPage<AdminProvisioningLogEntry>, isFirstPage: Bool,
        principal: DashboardPrincipal
    ) -> HTMLFragment {
        let path = "/dashboard/providers/\(record.id.lowercasedString)"
        let content: HTMLFragment
        if entries.items.isEmpty {
            content = DashboardComponents.empty(
                isFirstPage ? "No SCIM requests yet" : "No older requests",
                "Requests the IdP sends with this provider's token appear here, newest first. Tokens, secrets and "
                    + "personal values are redacted before they are stored.")
        } else {
            let rows = entries.items.map(row)
            content = """
                <div class="card card-flush">
                <div class="log-head" aria-hidden="true"><span>Received</span><span>Request</span><span>Answer</span>\
                <span>IdP dialect</span><span>Quirks tolerated</span><span class="numeric">Duration</span></div>
                <ul class="log" aria-label="SCIM requests, newest first">\(rows)</ul>
                </div>
                \(DashboardComponents.pager(
                    path: path + "/log", query: [], isFirstPage: isFirstPage, next: entries.nextCursor,
                    label: "Provisioning log pages"))
                """
        }
        let header: HTMLFragment = """
            <div class="page-header"><div>
            <h1 class="page-title">Provisioning log</h1>
            <p class="page-lead">SCIM requests from \(record.name) and our answers, redacted. Expand a row to see \
            the request and the answer as stored.</p>
            </div></div>
            """
        return DashboardLayout.render(
            DashboardLayout.Page(
                title: "Provisioning log · \(record.name)", section: .provisioning,
                breadcrumbs: [("User Provisioning", "/dashboard/providers"), (record.name, path)], header: header,
                content: content),
            principal: principal)
    }

    /// One request: a summary line that opens onto the redacted request and answer.
    private static func row(_ entry: AdminProvisioningLogEntry) -> HTMLFragment {
        let quirks: HTMLFragment =
            entry.quirks.isEmpty
            ? "<span class=\"muted\">None</span>"
            : HTMLFragment.join(entry.quirks.map { DashboardFormat.badge($0, tone: .warning) })
        let duration = String(format: "%.1f ms", entry.durationMilliseconds)
        return """
            <li><details class="log-entry">
            <summary>
            <span class="log-time">\(DashboardFormat.time(entry.occurredAt))</span>
            <span class="mono log-request">\(entry.method) \(entry.route)</span>
            <span><span class="visually-hidden">Answer </span>\(DashboardFormat.httpStatus(entry.status))</span>
            <span class="mono"><span class="visually-hidden">Dialect </span>\(entry.dialect)</span>
            <span class="chips"><span class="visually-hidden">Quirks </span>\(quirks)</span>
            <span class="numeric">\(duration)</span>
            </summary>
            <div class="log-bodies">
            <div><h3 class="subsection-title">Request</h3><pre>\(pretty(entry.request))</pre></div>
            <div><h3 class="subsection-title">Answer</h3><pre>\(pretty(entry.response))</pre></div>
            <p class="sub">Request id <span class="mono">\(entry.requestID)</span></p>
            </div>
            </details></li>
            """
    }

    /// The stored JSON indented two spaces per level, or a dash when there was none.
    static func pretty(_ value: JSONValue?) -> String {
        guard let value else { return "—" }
        return String(decoding: value.prettyPrinted().dropLast(), as: UTF8.self)
    }
}
