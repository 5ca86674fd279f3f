import Foundation
import HTTPServer

/// The session cookie: an opaque random value, `HttpOnly`, `SameSite=Lax`, and `Secure` behind TLS.
enum SessionCookie {
    static let name = "scimgw_session"

    /// The cookie's value in the request, if any.
    static func value(in request: HTTPRequest) -> String? {
        for header in request.headers.values(for: "Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == name, !parts[1].isEmpty, parts[1].count <= 256 { return parts[1] }
            }
        }
        return nil
    }

    static func set(_ value: String, secure: Bool, maxAge: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    static func cleared(secure: Bool) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }
}
