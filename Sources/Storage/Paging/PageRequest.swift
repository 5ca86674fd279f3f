import SCIM

/// Which page of a filtered list to read: by offset (`startIndex`) or, with a cursor, after a position.
public struct PageRequest: Sendable {
    public var filter: SCIMFilter?
    public var sortBy: SCIMAttributePath?
    public var descending: Bool
    public var offset: Int
    public var limit: Int
    /// Set for RFC 9865 cursor pagination; the order is then the default one and `offset` is ignored.
    public var after: ResourceCursor?
    public var usesCursor: Bool

    public init(
        filter: SCIMFilter? = nil, sortBy: SCIMAttributePath? = nil, descending: Bool = false, offset: Int = 0,
        limit: Int, after: ResourceCursor? = nil, usesCursor: Bool = false
    ) {
        self.filter = filter
        self.sortBy = sortBy
        self.descending = descending
        self.offset = offset
        self.limit = limit
        self.after = after
        self.usesCursor = usesCursor || after != nil
    }
}
