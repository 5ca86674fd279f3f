/// The page of a failed request: the message, and a way back.
enum DashboardErrorView {
    static func render(_ error: DashboardError, principal: DashboardPrincipal?) -> HTMLFragment {
        let title = Self.title(error.code)
        guard let principal else {
            return DashboardLayout.bare(
                title: title,
                content: """
                    <section class="card sign-in" aria-labelledby="error-title">
                    <h1 id="error-title">\(title)</h1>
                    <p>\(error.message)</p>
                    <div class="actions"><a class="button button-primary" href="/dashboard/sign-in">Go to sign-in</a>\
                    </div>
                    </section>
                    """)
        }
        return DashboardLayout.render(
            DashboardLayout.Page(
                title: title, section: nil, error: error.message,
                content: """
                    <p><a class="button button-secondary" href="/dashboard/providers">Back to User Provisioning</a></p>
                    """),
            principal: principal)
    }

    private static func title(_ code: DashboardError.Code) -> String {
        switch code {
        case .notFound: "Not found"
        case .forbidden: "Not allowed"
        case .forgedRequest: "Request refused"
        case .invalidForm: "Check the form"
        case .linkInvalid: "Sign-in link not valid"
        case .conflict: "Not possible right now"
        case .methodNotAllowed: "Not allowed here"
        default: code.status >= 500 ? "Something went wrong" : "Request refused"
        }
    }
}
