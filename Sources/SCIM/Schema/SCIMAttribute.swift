/// One attribute definition with the characteristics of RFC 7643 §2.2 and §7.
public struct SCIMAttribute: Sendable, Hashable {
    /// RFC 7643 §2.3 data types.
    public enum DataType: String, Sendable, Hashable {
        case string, boolean, decimal, integer, dateTime, reference, complex, binary
    }

    /// RFC 7643 §7 "mutability".
    public enum Mutability: String, Sendable, Hashable {
        case readOnly, readWrite, immutable, writeOnly
    }

    /// RFC 7643 §7 "returned".
    public enum Returned: String, Sendable, Hashable {
        case always, never, `default`, request
    }

    /// RFC 7643 §7 "uniqueness".
    public enum Uniqueness: String, Sendable, Hashable {
        case none, server, global
    }

    public let name: String
    public let type: DataType
    public let multiValued: Bool
    public let required: Bool
    public let caseExact: Bool
    public let mutability: Mutability
    public let returned: Returned
    public let uniqueness: Uniqueness
    public let subAttributes: [SCIMAttribute]
    public let canonicalValues: [String]
    public let referenceTypes: [String]
    public let description: String

    public init(
        name: String, type: DataType = .string, multiValued: Bool = false, required: Bool = false,
        caseExact: Bool = false, mutability: Mutability = .readWrite, returned: Returned = .default,
        uniqueness: Uniqueness = .none, subAttributes: [SCIMAttribute] = [], canonicalValues: [String] = [],
        referenceTypes: [String] = [], description: String
    ) {
        self.name = name
        self.type = type
        self.multiValued = multiValued
        self.required = required
        self.caseExact = caseExact
        self.mutability = mutability
        self.returned = returned
        self.uniqueness = uniqueness
        self.subAttributes = subAttributes
        self.canonicalValues = canonicalValues
        self.referenceTypes = referenceTypes
        self.description = description
    }

    /// The sub-attribute whose name equals `name` ignoring case (RFC 7643 §2.1).
    public func subAttribute(named name: String) -> SCIMAttribute? {
        let folded = name.lowercased()
        return subAttributes.first { $0.name.lowercased() == folded }
    }

    /// Whether values are complex objects whose identity is their `value` sub-attribute (emails, members).
    var hasValueSubAttribute: Bool {
        type == .complex && subAttribute(named: "value") != nil
    }

    /// Whether the multi-valued attribute carries the `primary` flag (RFC 7643 §2.4).
    var hasPrimarySubAttribute: Bool {
        subAttribute(named: "primary")?.type == .boolean
    }
}
