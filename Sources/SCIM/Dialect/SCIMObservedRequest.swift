/// What dialect recognition, quirk detection and redaction look at: one SCIM request as the client sent it,
/// before any lenient normalisation, and without sockets or HTTP types.
public struct SCIMObservedRequest: Sendable {
    /// The method token as sent.
    public var method: String
    /// The percent-decoded path, doubled and trailing slashes kept.
    public var path: String
    /// Query parameters in order, decoded.
    public var query: [(name: String, value: String)]
    public var userAgent: String?
    public var contentType: String?
    /// The parsed body; nil when there was none or it was not JSON (`bodyByteCount` tells which).
    public var body: JSONValue?
    /// The raw body's size in bytes. When not given: 0 without a body, otherwise 1 (some body was sent).
    public var bodyByteCount: Int

    public init(
        method: String, path: String, query: [(name: String, value: String)] = [], userAgent: String? = nil,
        contentType: String? = nil, body: JSONValue? = nil, bodyByteCount: Int? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.userAgent = userAgent
        self.contentType = contentType
        self.body = body
        self.bodyByteCount = bodyByteCount ?? (body == nil ? 0 : 1)
    }

    /// Path segments, empty ones (from doubled slashes) dropped.
    var segments: [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// The segment naming the endpoint: the one after `/scim/v2`, or the first one when the prefix is absent.
    var endpointSegment: Substring? {
        let all = segments
        if all.count >= 2, all[0].lowercased() == "scim", all[1].lowercased() == "v2" {
            return all.count > 2 ? all[2] : nil
        }
        return all.first
    }

    /// The resource type the path addresses, when it is `/Users…` or `/Groups…`.
    var resourceType: SCIMResourceType? {
        endpointSegment.flatMap { SCIMResourceType(caseInsensitiveName: String($0)) }
    }

    var upperMethod: String { method.uppercased() }
}
