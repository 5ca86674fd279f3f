/// A short confirmation shown once after a change, carried through the redirect as a fixed code (`?notice=`), so no
/// free text from a request ever reaches a page this way.
enum DashboardNotice: String, Sendable, CaseIterable {
    case providerCreated = "provider-created"
    case connectionSaved = "connection-saved"
    case ruleAdded = "rule-added"
    case ruleDeleted = "rule-deleted"
    case scimDisabled = "scim-disabled"
    case scimUnchanged = "scim-unchanged"
    case signedOut = "signed-out"

    var message: String {
        switch self {
        case .providerCreated: "Provider created. Set up its attribute mappings, then enable SCIM provisioning."
        case .connectionSaved: "Connection details saved."
        case .ruleAdded: "Mapping rule added. It applies at each person's next SCIM change or sign-in."
        case .ruleDeleted: "Mapping rule deleted."
        case .scimDisabled: "SCIM provisioning is off and the provisioning token no longer works."
        case .scimUnchanged: "Nothing changed: SCIM provisioning was already in that state."
        case .signedOut: "You are signed out."
        }
    }

    /// The notice named in the request's query, if it is one of ours.
    static func named(in query: String?) -> DashboardNotice? {
        query.flatMap(DashboardNotice.init(rawValue:))
    }
}
