import SCIM

/// What a person looks like to the mapping rules.
///
/// - `attributes`: the SCIM user as stored, core attributes at the top level and each extension under its
///   schema URN, e.g. `{"userName": …, "name": {…}, "emails": […],
///   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": …}}`.
/// - `groupNames`: the display names of the SCIM groups the person belongs to.
/// - `claims`: the ID token claims, only at sign-in; nil when SCIM wrote the person.
public struct MappingSubject: Sendable {
    public var attributes: JSONValue
    public var groupNames: [String]
    public var claims: JSONValue?

    public init(attributes: JSONValue, groupNames: [String] = [], claims: JSONValue? = nil) {
        self.attributes = attributes
        self.groupNames = groupNames
        self.claims = claims
    }
}
