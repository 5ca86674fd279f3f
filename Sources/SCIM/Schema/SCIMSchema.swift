/// A schema: its URN, name and top-level attribute definitions (RFC 7643 §7).
public struct SCIMSchema: Sendable, Hashable {
    public let id: String
    public let name: String
    public let description: String
    public let attributes: [SCIMAttribute]

    public init(id: String, name: String, description: String, attributes: [SCIMAttribute]) {
        self.id = id
        self.name = name
        self.description = description
        self.attributes = attributes
    }

    /// The attribute whose name equals `name` ignoring case (RFC 7643 §2.1).
    public func attribute(named name: String) -> SCIMAttribute? {
        let folded = name.lowercased()
        return attributes.first { $0.name.lowercased() == folded }
    }
}
