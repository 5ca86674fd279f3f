/// One complete request as received: head, decoded target and the whole body.
///
/// `path` and `query` are derived from `target` when the request is built; changing `target`
/// afterwards does not update them.
public struct HTTPRequest: Sendable {
    /// The method token exactly as sent, e.g. "GET" (RFC 9110 §9.1: methods are case-sensitive).
    public var method: String

    /// The raw request-target, e.g. "/scim/v2/Users?filter=..." (RFC 9112 §3.2).
    public var target: String

    /// The percent-decoded path without the query.
    public var path: String

    /// Query parameters in order, decoded ("+" as space, %XX escapes).
    public var query: [(name: String, value: String)]

    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// The peer's IP address as text, e.g. "127.0.0.1" or "::1".
    public var remoteAddress: String

    /// Builds a request the way the parser does, for routers and tests that run without sockets.
    ///
    /// A path whose percent escapes are malformed is kept as sent here; the server itself rejects
    /// such requests with 400 before they reach a handler.
    public init(
        method: String,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        remoteAddress: String = "127.0.0.1"
    ) {
        let decoded = RequestTarget(target)
        self.method = method
        self.target = target
        self.path = decoded?.path ?? RequestTarget.rawPath(of: target)
        self.query = decoded?.query ?? []
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    init(method: String, target: RequestTarget, raw: String, version: HTTPVersion, headers: HTTPHeaders) {
        self.method = method
        self.target = raw
        self.path = target.path
        self.query = target.query
        self.version = version
        self.headers = headers
        self.body = []
        self.remoteAddress = ""
    }

    /// The first value of query parameter `name`, compared case-insensitively.
    public func queryValue(_ name: String) -> String? {
        query.first { HTTPHeaders.namesMatch($0.name, name) }?.value
    }
}
