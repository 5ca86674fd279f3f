import Foundation
import OIDC
import Storage

/// Pieces several pages share: copyable values, definition lists, empty states and keyset page links.
enum DashboardComponents {
    /// A read-only value with a copy button. The button is hidden until the script shows it; without the script the
    /// value can still be selected and copied by hand.
    static func copyField(id: String, label: String, value: String, hint: String? = nil) -> HTMLFragment {
        let describedBy: HTMLFragment = hint == nil ? "" : " aria-describedby=\"\(id)-hint\""
        let hintText: HTMLFragment = hint.map { "<p class=\"hint\" id=\"\(id)-hint\">\($0)</p>" } ?? ""
        return """
            <div class="field">
            <label for="\(id)">\(label)</label>
            <div class="copy-row">
            <input id="\(id)" class="mono" type="text" value="\(value)" readonly spellcheck="false" \
            autocomplete="off"\(describedBy)>
            <button type="button" class="button button-secondary copy-button" data-copy="\(id)" hidden>\
            \(DashboardIcon.copy)<span>Copy</span></button>
            </div>
            \(hintText)
            </div>
            """
    }

    /// Terms and their descriptions, in order.
    static func details(_ rows: [(term: String, description: HTMLFragment)]) -> HTMLFragment {
        let items = rows.map { row -> HTMLFragment in
            "<div class=\"detail\"><dt>\(row.term)</dt><dd>\(row.description)</dd></div>"
        }
        return "<dl class=\"details\">\(items)</dl>"
    }

    static func empty(_ title: String, _ text: String, action: HTMLFragment = .empty) -> HTMLFragment {
        """
        <div class="empty"><p class="empty-title">\(title)</p><p>\(text)</p>\(action)</div>
        """
    }

    /// "First page" and "Next page" links of a keyset list; `query` holds the list's other parameters.
    static func pager(
        path: String, query: [(String, String)], isFirstPage: Bool, next: AdminCursor?, label: String
    ) -> HTMLFragment {
        guard !isFirstPage || next != nil else { return .empty }
        func link(_ extra: [(String, String)]) -> String {
            let all = query + extra
            return all.isEmpty ? path : path + "?" + FormEncoding.encode(all)
        }
        var links = HTMLFragment.empty
        if !isFirstPage {
            links += "<a class=\"button button-secondary\" href=\"\(link([]))\">First page</a>"
        }
        if let next {
            links +=
                "<a class=\"button button-secondary\" href=\"\(link([("after", next.token)]))\" rel=\"next\">"
                + "Next page</a>"
        }
        return "<nav class=\"pager\" aria-label=\"\(label)\">\(links)</nav>"
    }

    /// A card: a titled section of a page; `id` names the heading for `aria-labelledby`.
    static func card(
        id: String, title: String, actions: HTMLFragment = .empty, content: HTMLFragment
    ) -> HTMLFragment {
        """
        <section class="card" aria-labelledby="\(id)">
        <div class="card-header"><h2 class="card-title" id="\(id)">\(title)</h2>\(actions)</div>
        \(content)
        </section>
        """
    }

    /// A person's name with their userName beneath when they differ.
    static func person(userName: String, displayName: String?, link: String?) -> HTMLFragment {
        let primary = displayName ?? userName
        let name: HTMLFragment = link.map { "<a href=\"\($0)\">\(primary)</a>" } ?? "\(primary)"
        let secondary: HTMLFragment =
            displayName == nil || displayName == userName ? "" : "<span class=\"sub\">\(userName)</span>"
        return "<span class=\"person\">\(name)\(secondary)</span>"
    }

    /// How a membership was granted: one line per grant, its source, the provider and when.
    static func grants(_ grants: [AdminGrant], providers: [UUID: String]) -> HTMLFragment {
        let items = grants.map { grant -> HTMLFragment in
            let tone: DashboardFormat.Tone =
                switch grant.source {
                case .scim: .info
                case .oidcClaim: .neutral
                case .manual: .warning
                }
            let provider: HTMLFragment =
                grant.providerID.map { " via \(providers[$0] ?? "a removed provider")" } ?? ""
            return """
                <li>\(DashboardFormat.badge(DashboardFormat.source(grant.source), tone: tone))\
                <span class="sub">\(provider) \(DashboardFormat.time(grant.grantedAt))</span></li>
                """
        }
        return "<ul class=\"grants\">\(items)</ul>"
    }

    /// Provider names by id, for grants and managing providers.
    static func names(_ providers: [AdminProviderRecord]) -> [UUID: String] {
        Dictionary(providers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }
}
