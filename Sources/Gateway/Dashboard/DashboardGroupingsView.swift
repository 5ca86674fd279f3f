import Foundation
import Identity
import Storage

/// Governance → Teams and Governance → Business Units (one shape, `MembershipKind`): the list, and one team or unit
/// with its members and how each membership was granted.
enum DashboardGroupingsView {
    static func list(
        _ kind: MembershipKind, _ page: AdminPage<AdminGroupingRecord>, isFirstPage: Bool,
        principal: DashboardPrincipal
    ) -> HTMLFragment {
        let words = Words(kind)
        let content: HTMLFragment
        if page.items.isEmpty {
            content = DashboardComponents.empty(
                isFirstPage ? "No \(words.plural) yet" : "No more \(words.plural)", words.emptyText)
        } else {
            let none: HTMLFragment = "<span class=\"muted\">None</span>"
            let rows = page.items.map { record -> HTMLFragment in
                let counts = MembershipSource.allCases.compactMap { source -> HTMLFragment? in
                    guard let count = record.grantsBySource[source], count > 0 else { return nil }
                    return "<span class=\"chip\">\(DashboardFormat.source(source)): \(count)</span>"
                }
                return """
                    <tr>
                    <th scope="row"><a href="\(words.path)/\(record.id.lowercasedString)">\(record.name)</a></th>
                    <td class="numeric">\(record.memberCount)</td>
                    <td><span class="chips">\(counts.isEmpty ? [none] : counts)</span></td>
                    <td>\(DashboardFormat.time(record.createdAt))</td>
                    </tr>
                    """
            }
            content = """
                <div class="card card-flush">
                <div class="table-scroll">
                <table class="table">
                <caption class="visually-hidden">\(words.title) in name order</caption>
                <thead><tr><th scope="col">Name</th><th scope="col" class="numeric">Members</th>\
                <th scope="col">Grants by source</th><th scope="col">Created</th></tr></thead>
                <tbody>\(rows)</tbody>
                </table>
                </div>
                </div>
                \(DashboardComponents.pager(
                    path: words.path, query: [], isFirstPage: isFirstPage, next: page.nextCursor,
                    label: "\(words.title) pages"))
                """
        }
        let header: HTMLFragment = """
            <div class="page-header"><div>
            <h1 class="page-title">\(words.title)</h1>
            <p class="page-lead">\(words.lead)</p>
            </div></div>
            """
        return DashboardLayout.render(
            DashboardLayout.Page(title: words.title, section: words.section, header: header, content: content),
            principal: principal)
    }

    static func detail(
        _ kind: MembershipKind, _ record: AdminGroupingRecord, members: AdminPage<AdminGroupingMember>,
        providers: [AdminProviderRecord], isFirstPage: Bool, principal: DashboardPrincipal
    ) -> HTMLFragment {
        let words = Words(kind)
        let names = DashboardComponents.names(providers)
        let path = "\(words.path)/\(record.id.lowercasedString)"
        let content: HTMLFragment
        if members.items.isEmpty {
            content = DashboardComponents.empty("No members", "Nobody holds this \(words.singular) at the moment.")
        } else {
            let rows = members.items.map { member -> HTMLFragment in
                """
                <tr>
                <th scope="row">\(DashboardComponents.person(
                    userName: member.userName, displayName: member.displayName,
                    link: "/dashboard/users/\(member.id.lowercasedString)"))</th>
                <td>\(DashboardFormat.status(member.status))</td>
                <td>\(DashboardComponents.grants(member.grants, providers: names))</td>
                </tr>
                """
            }
            content = """
                <div class="card card-flush">
                <div class="table-scroll">
                <table class="table">
                <caption class="visually-hidden">Members and how each was granted</caption>
                <thead><tr><th scope="col">Member</th><th scope="col">Status</th>\
                <th scope="col">How it was granted</th></tr></thead>
                <tbody>\(rows)</tbody>
                </table>
                </div>
                </div>
                \(DashboardComponents.pager(
                    path: path, query: [], isFirstPage: isFirstPage, next: members.nextCursor, label: "Member pages"))
                """
        }
        let counts = MembershipSource.allCases.compactMap { source -> String? in
            guard let count = record.grantsBySource[source], count > 0 else { return nil }
            return "\(DashboardFormat.source(source)) \(count)"
        }
        let header: HTMLFragment = """
            <div class="page-header"><div>
            <h1 class="page-title">\(record.name)</h1>
            <p class="page-lead">\(words.capitalised) · \(record.memberCount) \
            \(record.memberCount == 1 ? "member" : "members")\
            \(counts.isEmpty ? "" : " · grants: " + counts.joined(separator: ", "))</p>
            </div></div>
            """
        return DashboardLayout.render(
            DashboardLayout.Page(
                title: record.name, section: words.section, breadcrumbs: [(words.title, words.path)], header: header,
                content: content),
            principal: principal)
    }

    /// How pages name one kind.
    private struct Words {
        let singular: String
        let plural: String
        let title: String
        let capitalised: String
        let path: String
        let section: DashboardLayout.Section
        let lead: String
        let emptyText: String

        init(_ kind: MembershipKind) {
            switch kind {
            case .team:
                singular = "team"
                plural = "teams"
                title = "Teams"
                capitalised = "Team"
                path = "/dashboard/teams"
                section = .teams
                lead =
                    "Teams from pushed SCIM groups and mapping rules, with how many people hold each and through "
                    + "which source."
                emptyText = "Teams appear when the IdP pushes groups or when team mapping rules match."
            case .businessUnit:
                singular = "business unit"
                plural = "business units"
                title = "Business Units"
                capitalised = "Business unit"
                path = "/dashboard/business-units"
                section = .businessUnits
                lead =
                    "Business units resolved from group or attribute mappings, with how each membership was "
                    + "granted."
                emptyText = "Business units appear when business-unit mapping rules match SCIM data or sign-in claims."
            }
        }
    }
}
