import Foundation
import HTTPServer
import SCIM

/// ETag preconditions (RFC 7644 §3.14, RFC 7232): `If-Match` on writes, `If-None-Match` on reads.
enum SCIMPreconditions {
    /// Throws 412 when `If-Match` names none of the current version's tags.
    static func checkIfMatch(_ request: HTTPRequest, version: Int64) throws {
        guard let header = request.headers["If-Match"] else { return }
        let tags = tagList(header)
        guard
            tags.contains("*") || tags.contains(SCIMRenderer.etag(version: version))
                || tags.contains("\"\(version)\"")
        else {
            throw SCIMError(status: 412, detail: "The resource changed since it was read (If-Match did not match).")
        }
    }

    /// True when `If-None-Match` names the current version, so a GET may answer 304.
    static func isNotModified(_ request: HTTPRequest, version: Int64) -> Bool {
        guard let header = request.headers["If-None-Match"] else { return false }
        let tags = tagList(header)
        return tags.contains("*") || tags.contains(SCIMRenderer.etag(version: version))
            || tags.contains("\"\(version)\"")
    }

    private static func tagList(_ header: String) -> [String] {
        header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
