import Foundation

/// One outbound request to an identity provider.
public struct OIDCHTTPRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
    }

    public var method: Method
    public var url: URL
    /// Header names as sent.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: Method = .get, url: URL, headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// A GET asking for JSON.
    public static func json(_ url: URL) -> OIDCHTTPRequest {
        OIDCHTTPRequest(url: url, headers: ["Accept": "application/json"])
    }

    /// A form POST (`application/x-www-form-urlencoded`, RFC 6749 Appendix B).
    public static func form(
        _ url: URL, fields: [(String, String)], headers: [String: String] = [:]
    ) -> OIDCHTTPRequest {
        var all = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
        all.merge(headers) { _, new in new }
        return OIDCHTTPRequest(method: .post, url: url, headers: all, body: Array(FormEncoding.encode(fields).utf8))
    }
}
