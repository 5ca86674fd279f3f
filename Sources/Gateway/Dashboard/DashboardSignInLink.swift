import Crypto
import Foundation

/// One-time dashboard sign-in links for a tenant's first administrator, before any IdP is connected.
///
/// The code is 256 random bits behind a recognisable prefix, so secret scanners can spot a leaked one; only its
/// SHA-256 is stored; it works once, within `lifetime`. The link carries it in the URL's fragment, which browsers
/// never send, and the dashboard's script posts it from there.
enum DashboardSignInLink {
    static let prefix = "scimgw_link_"
    static let lifetime: TimeInterval = 15 * 60

    /// Stores a new link for the tenant; returns its code (shown once) and when it expires.
    static func issue(tenantID: UUID, store: DashboardSessionStore, now: Date = Date()) throws -> (String, Date) {
        let code = prefix + Encoding.base62(try SecureRandom.bytes(count: 32))
        let expiresAt = now.addingTimeInterval(lifetime)
        _ = try store.createLink(tenantID: tenantID, codeHash: Digest.sha256(code), expiresAt: expiresAt)
        return (code, expiresAt)
    }

    /// The address to open: the sign-in page with the code in the fragment.
    static func url(baseURL: String, code: String) -> String {
        baseURL + "/dashboard/sign-in#code=" + code
    }
}
