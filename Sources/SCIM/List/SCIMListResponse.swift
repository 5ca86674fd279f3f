/// A page of resources (RFC 7644 §3.4.2). Always carries `Resources` (an empty array when there are none)
/// and integer `totalResults`, `startIndex` and `itemsPerPage`, the shape Okta and Entra expect.
public struct SCIMListResponse: Sendable {
    /// The number of matches across all pages, not the size of this page (authentik and Okta page by it).
    public var totalResults: Int
    public var startIndex: Int
    public var resources: [JSONValue]
    /// RFC 9865 cursors, included only when set.
    public var nextCursor: String?
    public var previousCursor: String?

    public init(totalResults: Int, startIndex: Int, resources: [JSONValue]) {
        self.totalResults = totalResults
        self.startIndex = startIndex
        self.resources = resources
    }

    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "schemas": [.string(SCIMSchemas.listResponseURN)],
            "totalResults": .integer(Int64(totalResults)),
            "startIndex": .integer(Int64(max(1, startIndex))),
            "itemsPerPage": .integer(Int64(resources.count)),
            "Resources": .array(resources),
        ]
        if let nextCursor { members["nextCursor"] = .string(nextCursor) }
        if let previousCursor { members["previousCursor"] = .string(previousCursor) }
        return .object(members)
    }
}
