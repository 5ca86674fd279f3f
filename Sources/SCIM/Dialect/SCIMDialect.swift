/// The SCIM client dialect a request was recognised as speaking (IDP_BEHAVIOUR.md).
///
/// Open to new values so that a log written by a newer replica still reads: any raw string is accepted, the known
/// dialects are named constants. `generic` is a client that names itself but is none of the IdPs below; `unknown`
/// means the request carried nothing to tell.
public struct SCIMDialect: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static let okta = SCIMDialect(rawValue: "okta")
    /// Microsoft Entra ID in its default PATCH format (capitalised ops, boolean strings).
    public static let entra = SCIMDialect(rawValue: "entra")
    /// Microsoft Entra ID with the `aadOptscim062020` flag: RFC-compliant PATCH, path-less dotted and URN keys.
    public static let entraCompliant = SCIMDialect(rawValue: "entra-aadOptscim062020")
    public static let onelogin = SCIMDialect(rawValue: "onelogin")
    public static let jumpcloud = SCIMDialect(rawValue: "jumpcloud")
    public static let pingfederate = SCIMDialect(rawValue: "pingfederate")
    public static let google = SCIMDialect(rawValue: "google")
    public static let authentik = SCIMDialect(rawValue: "authentik")
    public static let generic = SCIMDialect(rawValue: "generic")
    public static let unknown = SCIMDialect(rawValue: "unknown")

    /// The IdP behind the dialect: both Entra formats are one family.
    public var family: SCIMDialect {
        self == .entraCompliant ? .entra : self
    }
}
