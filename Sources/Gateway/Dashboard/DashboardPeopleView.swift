import Foundation
import OIDC
import Storage

/// Governance → Users: the people of the tenant, and one person with how each membership was granted.
enum DashboardPeopleView {
    /// Names shown in a list cell before the rest is summed up as "+N more".
    static let namesPerCell = 3

    static func list(
        _ people: AdminPage<AdminUserSummary>, search: String?, isFirstPage: Bool, principal: DashboardPrincipal
    ) -> HTMLFragment {
        let clear: HTMLFragment =
            search == nil ? "" : "<a class=\"button button-quiet\" href=\"/dashboard/users\">Clear</a>"
        let searchForm: HTMLFragment = """
            <form method="get" action="/dashboard/users" class="search" role="search">
            <label for="search">Search people</label>
            <div class="search-row">
            <input type="search" id="search" name="search" value="\(search)" maxlength="200" spellcheck="false" \
            placeholder="Start of a user name or display name" aria-describedby="search-hint">
            <button type="submit" class="button button-secondary">Search</button>\(clear)
            </div>
            <p class="hint" id="search-hint">Matches the beginning of the user name or the display name, ignoring \
            case.</p>
            </form>
            """
        let content: HTMLFragment
        if people.items.isEmpty {
            content =
                searchForm
                + DashboardComponents.empty(
                    search == nil ? "No people yet" : "Nobody matches",
                    search == nil
                        ? "People appear when an IdP provisions them through SCIM or when they first sign in."
                        : "No user name or display name starts with this text.")
        } else {
            let rows = people.items.map(row)
            let query: [(String, String)] = search.map { [("search", $0)] } ?? []
            content = """
                \(searchForm)
                <div class="card card-flush">
                <div class="table-scroll">
                <table class="table">
                <caption class="visually-hidden">People in user name order</caption>
                <thead><tr><th scope="col">Person</th><th scope="col">Status</th><th scope="col">Role</th>\
                <th scope="col">Teams</th><th scope="col">Business units</th><th scope="col">Managed by</th>\
                <th scope="col">Last sign-in</th></tr></thead>
                <tbody>\(rows)</tbody>
                </table>
                </div>
                </div>
                \(DashboardComponents.pager(
                    path: "/dashboard/users", query: query, isFirstPage: isFirstPage, next: people.nextCursor,
                    label: "People pages"))
                """
        }
        let header: HTMLFragment = """
            <div class="page-header"><div>
            <h1 class="page-title">Users</h1>
            <p class="page-lead">People provisioned by SCIM or signed in through OIDC, with their role, teams and \
            business units.</p>
            </div></div>
            """
        return DashboardLayout.render(
            DashboardLayout.Page(title: "Users", section: .users, header: header, content: content),
            principal: principal)
    }

    private static func row(_ person: AdminUserSummary) -> HTMLFragment {
        let managedBy: HTMLFragment =
            person.managingProvider.map {
                "<a href=\"/dashboard/providers/\($0.id.lowercasedString)\">\($0.name)</a>"
            } ?? "<span class=\"muted\">Nobody (sign-in)</span>"
        return """
            <tr>
            <th scope="row">\(DashboardComponents.person(
                userName: person.userName, displayName: person.displayName,
                link: "/dashboard/users/\(person.id.lowercasedString)"))</th>
            <td>\(DashboardFormat.status(person.status))</td>
            <td>\(role(person.role))</td>
            <td>\(names(person.teams))</td>
            <td>\(names(person.businessUnits))</td>
            <td>\(managedBy)</td>
            <td>\(DashboardFormat.time(person.lastSignInAt))</td>
            </tr>
            """
    }

    static func detail(
        _ person: AdminUserDetail, providers: [AdminProviderRecord], principal: DashboardPrincipal
    ) -> HTMLFragment {
        let names = DashboardComponents.names(providers)
        let managedBy: HTMLFragment =
            person.managingProvider.map {
                "<a href=\"/dashboard/providers/\($0.id.lowercasedString)\">\($0.name)</a> (its SCIM owns this person)"
            } ?? "<span class=\"muted\">No provider's SCIM; the person arrived by sign-in</span>"
        let status: HTMLFragment =
            person.deleted
            ? DashboardFormat.badge("Deleted by SCIM", tone: .negative) : DashboardFormat.status(person.status)
        let profile = DashboardComponents.details([
            ("User name", "<span class=\"mono\">\(person.userName)</span>"),
            ("Display name", person.displayName.map { "\($0)" } ?? "<span class=\"muted\">Not set</span>"),
            (
                "External id",
                person.externalID.map { "<span class=\"mono\">\($0)</span>" } ?? "<span class=\"muted\">Not set</span>"
            ),
            ("Status", status),
            ("Role", role(person.role)),
            ("Managed by", managedBy),
            (
                "Arrived by",
                "\(person.origin == "oidc" ? "Sign-in" : person.origin == "scim" ? "SCIM" : "Administrator")"
            ),
            ("Last sign-in", DashboardFormat.time(person.lastSignInAt)),
            ("Created", DashboardFormat.time(person.createdAt)),
            ("Updated", DashboardFormat.time(person.updatedAt)),
            ("Id", "<span class=\"mono\">\(person.id.lowercasedString)</span>"),
        ])
        let content: HTMLFragment = """
            <div class="stack-lg">
            \(DashboardComponents.card(id: "profile", title: "Profile", content: profile))
            \(memberships("teams", "Teams", "/dashboard/teams", person.teams, names))
            \(memberships("units", "Business units", "/dashboard/business-units", person.businessUnits, names))
            </div>
            """
        let header: HTMLFragment = """
            <div class="page-header"><div>
            <div class="title-row"><h1 class="page-title">\(person.displayName ?? person.userName)</h1>\(status)</div>
            <p class="page-lead mono">\(person.userName)</p>
            </div></div>
            """
        return DashboardLayout.render(
            DashboardLayout.Page(
                title: person.displayName ?? person.userName, section: .users,
                breadcrumbs: [("Users", "/dashboard/users")], header: header, content: content),
            principal: principal)
    }

    private static func memberships(
        _ id: String, _ title: String, _ base: String, _ memberships: [AdminMembership], _ providers: [UUID: String]
    ) -> HTMLFragment {
        guard !memberships.isEmpty else {
            return DashboardComponents.card(
                id: id, title: title, content: DashboardComponents.empty("None", "No \(title.lowercased()) yet."))
        }
        let rows = memberships.map { membership -> HTMLFragment in
            """
            <tr><th scope="row"><a href="\(base)/\(membership.id.lowercasedString)">\(membership.name)</a></th>
            <td>\(DashboardComponents.grants(membership.grants, providers: providers))</td></tr>
            """
        }
        return DashboardComponents.card(
            id: id, title: title,
            content: """
                <table class="table">
                <caption class="visually-hidden">\(title) and how each was granted</caption>
                <thead><tr><th scope="col">Name</th><th scope="col">How it was granted</th></tr></thead>
                <tbody>\(rows)</tbody>
                </table>
                """)
    }

    static func role(_ role: AdminRoleAssignment?) -> HTMLFragment {
        guard let role else { return "<span class=\"muted\">No role</span>" }
        let source: HTMLFragment = role.source.map { "<span class=\"sub\">\(DashboardFormat.source($0))</span>" } ?? ""
        return "<span class=\"stacked\">\(role.name)\(source)</span>"
    }

    /// The first few names and how many more there are.
    static func names(_ names: [String]) -> HTMLFragment {
        guard !names.isEmpty else { return "<span class=\"muted\">None</span>" }
        let shown = names.prefix(namesPerCell).map { "<span class=\"chip\">\($0)</span>" as HTMLFragment }
        let more: HTMLFragment =
            names.count > namesPerCell ? "<span class=\"sub\">+\(names.count - namesPerCell) more</span>" : ""
        return "<span class=\"chips\">\(shown)\(more)</span>"
    }
}
