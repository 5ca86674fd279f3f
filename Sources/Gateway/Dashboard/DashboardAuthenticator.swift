import Crypto
import Foundation
import HTTPServer
import Identity
import OIDC
import Postgres
import Storage

/// Finds the administrator behind a dashboard request.
///
/// A dashboard session rides on an OIDC sign-in session (the person's `scimgw_session`) or on a one-time link. On
/// every request the OIDC session must still be live, its person active, and their role must still hold
/// `DashboardAccess.required`; a person suspended by SCIM loses both sessions at once, since ending the OIDC session
/// deletes the dashboard one with it (migration 0007).
struct DashboardAuthenticator: Sendable {
    let pool: PostgresPool
    let store: DashboardSessionStore

    /// How long a session opened with a one-time link lasts: enough to connect the first IdP.
    static let linkSessionLifetime: TimeInterval = 2 * 60 * 60

    /// The administrator of the request's dashboard session; nil without a live one.
    func principal(for request: HTTPRequest) throws -> DashboardPrincipal? {
        guard let cookie = DashboardCookie.value(DashboardCookie.session, in: request),
            let record = try store.session(tokenHash: Digest.sha256(cookie))
        else { return nil }
        guard let signInSessionID = record.signInSessionID else {
            return DashboardPrincipal(
                tenantID: record.tenantID, dashboardSessionID: record.id, csrfToken: record.csrfToken, origin: .link)
        }
        guard let person = try person(tenantID: record.tenantID, sessionID: signInSessionID) else { return nil }
        return DashboardPrincipal(
            tenantID: record.tenantID, dashboardSessionID: record.id, csrfToken: record.csrfToken, origin: person)
    }

    /// Opens a dashboard session for a person signed in through OIDC whose role is admitted; nil when the request
    /// has no live OIDC session. Returns the principal and the cookie to set.
    func openFromSignIn(_ request: HTTPRequest, secure: Bool) throws -> (DashboardPrincipal, String)? {
        guard let cookie = SessionCookie.value(in: request),
            let found = try SessionDirectory(pool: pool).session(tokenHash: Digest.sha256(cookie)),
            let person = try person(tenantID: found.tenantID, sessionID: found.sessionID)
        else { return nil }
        let expiresAt = try TenantDatabase(pool: pool, tenantID: found.tenantID).transaction {
            try $0.sessions.find(id: found.sessionID)?.expiresAt
        }
        guard let expiresAt else { return nil }
        let token = Base64URL.encode(try SecureRandom.bytes(count: 32))
        let record = try store.openSession(
            tenantID: found.tenantID, signInSessionID: found.sessionID, tokenHash: Digest.sha256(token),
            csrfToken: try DashboardForgeryGuard.makeToken(), expiresAt: expiresAt)
        let principal = DashboardPrincipal(
            tenantID: record.tenantID, dashboardSessionID: record.id, csrfToken: record.csrfToken, origin: person)
        let maxAge = max(1, Int(expiresAt.timeIntervalSinceNow))
        return (principal, DashboardCookie.set(DashboardCookie.session, token, maxAge: maxAge, secure: secure))
    }

    /// Uses a one-time link's code; the principal and the cookie to set, or nil for an unknown, used or expired code.
    func openFromLink(code: String, secure: Bool) throws -> (DashboardPrincipal, String)? {
        guard code.count <= 256 else { return nil }
        let token = Base64URL.encode(try SecureRandom.bytes(count: 32))
        guard
            let record = try store.openSession(
                linkCodeHash: Digest.sha256(code), tokenHash: Digest.sha256(token),
                csrfToken: try DashboardForgeryGuard.makeToken(),
                expiresAt: Date().addingTimeInterval(Self.linkSessionLifetime))
        else { return nil }
        let principal = DashboardPrincipal(
            tenantID: record.tenantID, dashboardSessionID: record.id, csrfToken: record.csrfToken, origin: .link)
        let cookie = DashboardCookie.set(
            DashboardCookie.session, token, maxAge: Int(Self.linkSessionLifetime), secure: secure)
        return (principal, cookie)
    }

    /// Ends the dashboard session and the OIDC session it rides on.
    func signOut(_ principal: DashboardPrincipal) throws {
        try store.end(tenantID: principal.tenantID, id: principal.dashboardSessionID)
        if case .person(_, _, _, let sessionID) = principal.origin {
            try TenantDatabase(pool: pool, tenantID: principal.tenantID).transaction {
                _ = try $0.sessions.end(id: sessionID)
            }
        }
    }

    /// The signed-in person of a live OIDC session, when active; throws `forbidden` when their role does not admit
    /// them to the dashboard.
    private func person(tenantID: UUID, sessionID: UUID) throws -> DashboardPrincipal.Origin? {
        let found: (StoredUser, Role?)? = try TenantDatabase(pool: pool, tenantID: tenantID).transaction { tenant in
            guard let session = try tenant.sessions.find(id: sessionID),
                let user = try tenant.users.find(id: session.userID), user.active
            else { return nil }
            let roleID = try tenant.governance.role(of: user.id).id
            let role = try roleID.flatMap { id in try tenant.governance.roles().first { $0.id == id } }
            return (user, role)
        }
        guard let (user, role) = found else { return nil }
        guard let role, DashboardAccess.admits(role) else {
            throw DashboardError(
                .forbidden,
                "Your role (\(role?.name ?? "none")) does not include the permissions the dashboard needs. Ask an "
                    + "administrator for the Admin role.")
        }
        return .person(userID: user.id, name: user.displayName ?? user.userName, role: role.name, sessionID: sessionID)
    }
}
