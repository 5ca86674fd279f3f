import Foundation
import HTTPServer
import Storage

/// Turns `Authorization: Bearer <admin key>` into the key's principal (RFC 6750 §2.1; the scheme ignores case).
/// Missing, malformed, unknown and revoked keys all get the same 401.
struct AdminAuthenticator: Sendable {
    let keys: AdminKeyRepository

    func authenticate(_ request: HTTPRequest) throws -> AdminPrincipal {
        let unauthorized = AdminAPIError(.unauthorized, "A valid admin API key is required (Authorization: Bearer).")
        guard let header = request.headers["Authorization"] else { throw unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw unauthorized }
        let key = parts[1].trimmingCharacters(in: .whitespaces)
        // Only keys of the admin form are looked up: a SCIM provisioning token is never an admin credential.
        guard key.hasPrefix(AdminAPIKeySecret.prefix), key.utf8.count <= 256 else { throw unauthorized }
        guard let principal = try keys.authenticate(keyHash: AdminAPIKeySecret.hash(of: key)) else {
            throw unauthorized
        }
        return principal
    }
}
