/// RFC 7644 §3.4.2.3 `sortOrder`.
public enum SCIMSortOrder: String, Sendable, Hashable {
    case ascending, descending
}
