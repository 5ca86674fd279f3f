/// A short, stable code for non-standard input the gateway tolerated in a request, named after what was sent.
///
/// Open to new values like `SCIMErrorType`; the codes below are the ones `SCIMQuirkDetector` reports, each with
/// the client known to send it (IDP_BEHAVIOUR.md §0.7).
public struct SCIMQuirk: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: SCIMQuirk, rhs: SCIMQuirk) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `"op":"Replace"`: RFC 7644 §3.5.2 spells ops in lower case; Entra without the flag capitalises them.
    public static let opCase = SCIMQuirk(rawValue: "op-case")
    /// `"active":"False"`: Entra without the flag, and Microsoft's Postman collection on POST.
    public static let booleanAsString = SCIMQuirk(rawValue: "boolean-as-string")
    /// `remove` on `members` carrying a `value` array: Entra without the flag, authentik, JumpCloud.
    public static let removeMembersWithValue = SCIMQuirk(rawValue: "remove-members-with-value")
    /// Path-less `replace`/`add` whose value has `name.givenName`-style keys: Entra with `aadOptscim062020`.
    public static let pathlessDottedKeys = SCIMQuirk(rawValue: "pathless-dotted-keys")
    /// Path-less value keyed by a full attribute URN (`…:enterprise:2.0:User:employeeNumber`): Entra with the flag.
    public static let pathlessURNKeys = SCIMQuirk(rawValue: "pathless-urn-keys")
    /// The enterprise `manager` sent as a bare id string instead of `{"value": …}`: Entra.
    public static let managerBareString = SCIMQuirk(rawValue: "manager-bare-string")
    /// Group members without a `type`: Okta (and most clients; RFC 7643 §4.2 makes it optional but useful).
    public static let memberWithoutType = SCIMQuirk(rawValue: "member-without-type")
    /// Member objects carrying `displayName` instead of `display`: Entra.
    public static let memberDisplayName = SCIMQuirk(rawValue: "member-displayName")
    /// A multi-valued attribute sent as one object or value instead of an array: OneLogin templates (`emails`).
    public static let singleObjectForList = SCIMQuirk(rawValue: "single-object-for-list")
    /// `""` for an attribute the client has no value for: OneLogin templates.
    public static let emptyStringAsUnset = SCIMQuirk(rawValue: "empty-string-as-unset")
    /// `"UserName"`, `"Active"`: Microsoft's provisioning Postman collection.
    public static let pascalCaseAttributes = SCIMQuirk(rawValue: "pascal-case-attributes")
    /// `externalId eq jyoung`: the value is not a quoted JSON string (RFC 7644 §3.4.2.2); Entra's documentation.
    public static let unquotedFilterValue = SCIMQuirk(rawValue: "unquoted-filter-value")
    /// `urn:scim:schemas:core:1.0` in `schemas` against the SCIM 2.0 endpoint: OneLogin templates.
    public static let legacySchemaURN = SCIMQuirk(rawValue: "legacy-schema-urn")
    /// A schema URN this service does not define, such as Entra's Microsoft ADSCIM group schema.
    public static let unknownSchemaURN = SCIMQuirk(rawValue: "unknown-schema-urn")
    /// `id`, `meta` or `groups` written by the client (RFC 7644 §3.5.1 says to ignore them): Okta, Entra, authentik.
    public static let readOnlyAttributesSent = SCIMQuirk(rawValue: "readonly-attributes-sent")
    /// A role value that is JSON text inside `{"value": "…"}`: Entra's AppRoleAssignmentsComplex mapping.
    public static let rolesJSONString = SCIMQuirk(rawValue: "roles-json-string")
    /// `/scim/v2/Users/`: a trailing slash on the base URL the admin pasted.
    public static let trailingSlash = SCIMQuirk(rawValue: "trailing-slash")
    /// `/scim/v2//Users`: the client joined a base URL ending in `/` with a path starting with one.
    public static let doubleSlash = SCIMQuirk(rawValue: "double-slash")
    /// `/users`: the resource endpoint in other than its canonical case.
    public static let lowercaseResource = SCIMQuirk(rawValue: "lowercase-resource")
    /// Entra's `aadOptscim062020` flag glued to a path segment or another parameter instead of standing alone.
    public static let flagOnWrongSegment = SCIMQuirk(rawValue: "flag-on-wrong-segment")
    /// A body sent as `application/json` rather than `application/scim+json` (RFC 7644 §3.1): Okta's Runscope test.
    public static let applicationJSON = SCIMQuirk(rawValue: "application-json")
}
