import Foundation

/// A dashboard session row: which OIDC session or one-time link it rides on, and its synchronizer token.
struct DashboardSessionRecord: Sendable, Equatable {
    let tenantID: UUID
    let id: UUID
    let csrfToken: String
    /// The OIDC sign-in session; nil for a session opened with a one-time link.
    let signInSessionID: UUID?
    let expiresAt: Date
}
