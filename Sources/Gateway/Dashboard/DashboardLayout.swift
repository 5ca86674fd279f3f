/// The page shell: skip link, the Governance navigation, the signed-in administrator, and the main landmark.
///
/// A page may carry a dialog (Provider Configuration, Setup Complete, a confirmation): the shell behind it is then
/// `inert`, so keyboard focus and screen readers stay in the dialog without any script, and closing it is a link.
enum DashboardLayout {
    /// The navigation entry a page belongs to, marked `aria-current="page"`.
    enum Section: String {
        case provisioning, users, teams, businessUnits
    }

    static let stylesheet = "/dashboard/assets/dashboard.css"
    static let script = "/dashboard/assets/dashboard.js"

    struct Page {
        var title: String
        var section: Section?
        var breadcrumbs: [(title: String, path: String)] = []
        var header: HTMLFragment = .empty
        var notice: DashboardNotice?
        var error: String?
        var content: HTMLFragment
        var dialog: HTMLFragment?
    }

    static func render(_ page: Page, principal: DashboardPrincipal) -> HTMLFragment {
        let shell: HTMLFragment = """
            <div class="shell"\(page.dialog == nil ? "" : HTMLFragment(" inert"))>
            \(sidebar(page.section, principal))
            <main id="main" class="main" tabindex="-1">
            \(breadcrumbs(page.breadcrumbs))
            \(page.header.markup.isEmpty ? "<h1 class=\"page-title\">\(page.title)</h1>" : page.header)
            \(banners(notice: page.notice, error: page.error))
            \(page.content)
            </main>
            </div>
            """
        return document(title: page.title, body: shell + (page.dialog ?? .empty))
    }

    /// A page without navigation, for people not signed in.
    static func bare(title: String, content: HTMLFragment) -> HTMLFragment {
        document(
            title: title,
            body: """
                <main id="main" class="bare" tabindex="-1">
                <div class="bare-brand">\(brandMark)<span>SCIM Gateway</span></div>
                \(content)
                </main>
                """)
    }

    /// A modal dialog over the page; `labelledBy` names its heading's id.
    static func dialog(labelledBy: String, describedBy: String? = nil, content: HTMLFragment) -> HTMLFragment {
        let description: HTMLFragment = describedBy.map { " aria-describedby=\"\($0)\"" } ?? .empty
        return """
            <div class="backdrop">
            <section class="dialog" role="dialog" aria-modal="true" aria-labelledby="\(labelledBy)"\(description)>
            \(content)
            </section>
            </div>
            """
    }

    static func banners(notice: DashboardNotice?, error: String?) -> HTMLFragment {
        var result = HTMLFragment.empty
        if let notice {
            result +=
                "<div class=\"banner banner-positive\" role=\"status\">\(DashboardIcon.check)"
                + "<span>\(notice.message)</span></div>"
        }
        if let error {
            result +=
                "<div class=\"banner banner-negative\" role=\"alert\">\(DashboardIcon.warning)"
                + "<span>\(error)</span></div>"
        }
        return result
    }

    private static func document(title: String, body: HTMLFragment) -> HTMLFragment {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · SCIM Gateway</title>
        <link rel="icon" href="/dashboard/assets/icon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="\(stylesheet)">
        <script src="\(script)" defer></script>
        </head>
        <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        \(body)
        </body>
        </html>

        """
    }

    private static let brandMark: HTMLFragment =
        "<span class=\"brand-mark\" aria-hidden=\"true\">\(DashboardIcon.shield)</span>"

    private static func sidebar(_ current: Section?, _ principal: DashboardPrincipal) -> HTMLFragment {
        let entries: [(Section, String, String, HTMLFragment)] = [
            (.provisioning, "User Provisioning", "/dashboard/providers", DashboardIcon.plug),
            (.users, "Users", "/dashboard/users", DashboardIcon.users),
            (.teams, "Teams", "/dashboard/teams", DashboardIcon.team),
            (.businessUnits, "Business Units", "/dashboard/business-units", DashboardIcon.unit),
        ]
        let links = entries.map { section, title, path, icon -> HTMLFragment in
            let currentMark: HTMLFragment = section == current ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(path)\"\(currentMark)>\(icon)<span>\(title)</span></a></li>"
        }
        return """
            <aside class="sidebar">
            <div class="sidebar-inner">
            <div class="brand">\(brandMark)<span>SCIM Gateway</span></div>
            <nav aria-labelledby="nav-governance">
            <p class="nav-heading" id="nav-governance">Governance</p>
            <ul class="nav-list">\(links)</ul>
            </nav>
            <div class="account">
            <p class="account-name">\(principal.displayName)</p>
            <p class="account-role">\(principal.roleName)</p>
            <form method="post" action="/dashboard/sign-out">
            \(csrfField(principal))
            <button type="submit" class="button button-quiet button-small">Sign out</button>
            </form>
            </div>
            </div>
            </aside>
            """
    }

    private static func breadcrumbs(_ trail: [(title: String, path: String)]) -> HTMLFragment {
        guard !trail.isEmpty else { return .empty }
        let items = trail.map { "<li><a href=\"\($0.path)\">\($0.title)</a></li>" as HTMLFragment }
        return "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol>\(items)</ol></nav>"
    }

    /// The hidden field carrying the session's synchronizer token; every form of a signed-in page has one.
    static func csrfField(_ principal: DashboardPrincipal) -> HTMLFragment {
        "<input type=\"hidden\" name=\"\(DashboardForgeryGuard.fieldName)\" value=\"\(principal.csrfToken)\">"
    }
}
