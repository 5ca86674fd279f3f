/// The sign-in page, for people without a dashboard session.
enum DashboardSignInView {
    static func render(formToken: String, notice: DashboardNotice?, error: String?) -> HTMLFragment {
        DashboardLayout.bare(
            title: "Sign in",
            content: """
                <section class="card sign-in" aria-labelledby="sign-in-title">
                <h1 id="sign-in-title">Sign in to the dashboard</h1>
                \(DashboardLayout.banners(notice: notice, error: error))
                <p>Administrators sign in through their organisation's identity provider, with the sign-in address \
                shown on the provider's page under Governance → User Provisioning \
                (<code>/auth/oidc/&lt;provider id&gt;/login</code>). A person whose role is Admin lands here.</p>
                <h2 class="section-title">First administrator</h2>
                <p>No identity provider is connected yet? On the server, run \
                <code>scim-gateway dashboard link --tenant &lt;tenant id&gt;</code> and open the link it prints. \
                The link works once, within 15 minutes.</p>
                <form method="post" action="/dashboard/sign-in" class="stack">
                <input type="hidden" name="\(DashboardForgeryGuard.fieldName)" value="\(formToken)">
                <div class="field">
                <label for="sign-in-code">One-time sign-in code</label>
                <input id="sign-in-code" name="code" type="password" autocomplete="off" spellcheck="false" required \
                aria-describedby="sign-in-code-hint">
                <p id="sign-in-code-hint" class="hint">Opening the link fills this in; you can also paste the code \
                the command printed.</p>
                </div>
                <div class="actions"><button type="submit" class="button button-primary">\(DashboardIcon.signIn)\
                <span>Sign in</span></button></div>
                </form>
                </section>
                """)
    }
}
