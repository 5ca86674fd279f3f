import Foundation

/// The administrator behind a dashboard request: the tenant, the dashboard session, and who signed in.
struct DashboardPrincipal: Sendable, Equatable {
    enum Origin: Sendable, Equatable {
        /// Signed in through the tenant's IdP; the person and the OIDC session the dashboard session rides on.
        case person(userID: UUID, name: String, role: String, sessionID: UUID)
        /// Opened with a one-time link from the command line, before any IdP is connected.
        case link
    }

    let tenantID: UUID
    let dashboardSessionID: UUID
    /// The session's synchronizer token, which every form posts back.
    let csrfToken: String
    let origin: Origin

    /// How the page header names who is signed in.
    var displayName: String {
        switch origin {
        case .person(_, let name, _, _): name
        case .link: "Setup administrator"
        }
    }

    var roleName: String {
        switch origin {
        case .person(_, _, let role, _): role
        case .link: "One-time sign-in link"
        }
    }
}
