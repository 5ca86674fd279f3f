/// One page of a list and the filtered total across all pages.
public struct Page<Item: Sendable>: Sendable {
    public var total: Int
    public var items: [Item]
    /// The cursor of the next page in cursor pagination; nil on the last page.
    public var nextCursor: ResourceCursor?
}
