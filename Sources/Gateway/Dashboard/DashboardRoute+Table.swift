import Storage

extension DashboardRoute {
    /// Every dashboard page and form, under `/dashboard`.
    static let all: [DashboardRoute] = [
        DashboardRoute("GET", "", .open) { endpoints, context in endpoints.home(&context) },
        DashboardRoute("GET", "assets/{file}", .open) { endpoints, context in try endpoints.asset(context) },
        DashboardRoute("GET", "sign-in", .open) { endpoints, context in try endpoints.signInPage(&context) },
        DashboardRoute("POST", "sign-in", .open) { endpoints, context in try endpoints.signInWithLink(&context) },
        DashboardRoute("POST", "sign-out") { endpoints, context in try endpoints.signOut(&context) },

        DashboardRoute("GET", "providers") { endpoints, context in try endpoints.providers(context) },
        DashboardRoute("POST", "providers") { endpoints, context in try endpoints.createProvider(context) },
        DashboardRoute("GET", "providers/new") { endpoints, context in try endpoints.newProvider(context) },
        DashboardRoute("GET", "providers/{providerId}") { endpoints, context in try endpoints.provider(context) },
        DashboardRoute("GET", "providers/{providerId}/connection") { endpoints, context in
            try endpoints.connectionForm(context)
        },
        DashboardRoute("POST", "providers/{providerId}/connection") { endpoints, context in
            try endpoints.saveConnection(context)
        },
        DashboardRoute("POST", "providers/{providerId}/mappings") { endpoints, context in
            try endpoints.addRule(context)
        },
        DashboardRoute("POST", "providers/{providerId}/mappings/{ruleId}/delete") { endpoints, context in
            try endpoints.deleteRule(context)
        },
        DashboardRoute("GET", "providers/{providerId}/configuration") { endpoints, context in
            try endpoints.configuration(context)
        },
        DashboardRoute("POST", "providers/{providerId}/configuration") { endpoints, context in
            try endpoints.verifyAndNext(context)
        },
        DashboardRoute("GET", "providers/{providerId}/rotate-token") { endpoints, context in
            try endpoints.confirmRotation(context)
        },
        DashboardRoute("POST", "providers/{providerId}/rotate-token") { endpoints, context in
            try endpoints.rotateToken(context)
        },
        DashboardRoute("POST", "providers/{providerId}/disable-scim") { endpoints, context in
            try endpoints.disableSCIM(context)
        },
        DashboardRoute("GET", "providers/{providerId}/log") { endpoints, context in
            try endpoints.provisioningLog(context)
        },

        DashboardRoute("GET", "users") { endpoints, context in try endpoints.users(context) },
        DashboardRoute("GET", "users/{userId}") { endpoints, context in try endpoints.user(context) },
        DashboardRoute("GET", "teams") { endpoints, context in try endpoints.groupings(.team, context) },
        DashboardRoute("GET", "teams/{groupingId}") { endpoints, context in try endpoints.grouping(.team, context) },
        DashboardRoute("GET", "business-units") { endpoints, context in
            try endpoints.groupings(.businessUnit, context)
        },
        DashboardRoute("GET", "business-units/{groupingId}") { endpoints, context in
            try endpoints.grouping(.businessUnit, context)
        },
    ]
}
