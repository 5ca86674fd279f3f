/// Which page of an admin list to read: at most `limit` items after `after` (nil: from the start).
public struct AdminPageRequest: Sendable {
    public var limit: Int
    public var after: AdminCursor?

    public init(limit: Int, after: AdminCursor? = nil) {
        self.limit = limit
        self.after = after
    }
}
