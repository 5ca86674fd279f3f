import Foundation

/// What the service keeps about a resource beyond its attributes (RFC 7643 §3.1 `meta`).
public struct SCIMResourceMeta: Sendable, Equatable {
    public var created: Date
    public var lastModified: Date
    /// The entity tag, such as `W/"3"`, when the service supports ETags (RFC 7644 §3.14).
    public var version: String?

    public init(created: Date, lastModified: Date, version: String? = nil) {
        self.created = created
        self.lastModified = lastModified
        self.version = version
    }
}
