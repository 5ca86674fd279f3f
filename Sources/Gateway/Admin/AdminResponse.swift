import HTTPServer
import SCIM

/// Builds admin API responses: `application/json` bodies that are never cached.
enum AdminResponse {
    static let contentType = "application/json; charset=utf-8"

    static func json(_ value: JSONValue, status: Int = 200, headers extra: [(String, String)] = []) -> HTTPResponse {
        bytes(value.serialized(), status: status, headers: extra)
    }

    static func bytes(_ body: [UInt8], status: Int = 200, headers extra: [(String, String)] = []) -> HTTPResponse {
        var headers = HTTPHeaders([("Content-Type", contentType), ("Cache-Control", "no-store")])
        for (name, value) in extra { headers.add(name: name, value: value) }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    static func error(_ error: AdminAPIError, headers: [(String, String)] = []) -> HTTPResponse {
        json(
            ["error": ["code": .string(error.code), "message": .string(error.message)]], status: error.status,
            headers: headers)
    }

    static func noContent() -> HTTPResponse {
        HTTPResponse(status: 204, headers: HTTPHeaders([("Cache-Control", "no-store")]))
    }
}
