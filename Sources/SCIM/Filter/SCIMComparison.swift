/// The attribute operators of RFC 7644 §3.4.2.2 (`pr` is `SCIMFilter.present`).
public enum SCIMComparison: String, Sendable, Hashable, CaseIterable {
    case eq, ne, co, sw, ew, gt, ge, lt, le

    /// Whether the operator orders values; RFC 7644 §3.4.2.2 rejects these on boolean and binary attributes.
    public var isOrdering: Bool {
        switch self {
        case .gt, .ge, .lt, .le: true
        default: false
        }
    }

    /// Whether the operator matches part of a string.
    public var isSubstring: Bool {
        switch self {
        case .co, .sw, .ew: true
        default: false
        }
    }
}
