import HTTPServer
import SCIM

/// Builds SCIM HTTP responses: `application/scim+json` bodies (RFC 7644 §3.1), never cached.
enum SCIMResponse {
    static let contentType = "application/scim+json; charset=utf-8"

    static func json(_ value: JSONValue, status: Int = 200, headers extra: [(String, String)] = []) -> HTTPResponse {
        var headers = HTTPHeaders([("Content-Type", contentType), ("Cache-Control", "no-store")])
        for (name, value) in extra { headers.add(name: name, value: value) }
        return HTTPResponse(status: status, headers: headers, body: value.serialized())
    }

    static func resource(_ value: JSONValue, status: Int = 200, version: Int64, location: String? = nil)
        -> HTTPResponse
    {
        var headers = [("ETag", SCIMRenderer.etag(version: version))]
        if let location { headers.append(("Location", location)) }
        return json(value, status: status, headers: headers)
    }

    static func error(_ error: SCIMError, headers: [(String, String)] = []) -> HTTPResponse {
        json(error.json, status: error.status, headers: headers)
    }

    static func noContent() -> HTTPResponse {
        HTTPResponse(status: 204, headers: HTTPHeaders([("Cache-Control", "no-store")]))
    }
}
