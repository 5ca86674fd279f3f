/// One page of an admin list in keyset order, and the cursor of the next page (nil on the last one).
public struct AdminPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: AdminCursor?

    public init(items: [Item], nextCursor: AdminCursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Keeps `limit` of the `limit + 1` rows a query read; the extra row only tells that another page follows.
    init(rows: [Item], limit: Int, cursor: (Item) -> AdminCursor) {
        let hasMore = rows.count > limit
        items = Array(rows.prefix(limit))
        nextCursor = hasMore ? items.last.map(cursor) : nil
    }
}
