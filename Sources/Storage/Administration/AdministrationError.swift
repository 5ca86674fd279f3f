import Foundation

/// Failures of administrative commands, worded for the operator who typed them.
public enum AdministrationError: Error, CustomStringConvertible, Equatable {
    case tenantNotFound(UUID)
    case providerNotFound(UUID)
    case scimNotEnabled(UUID)
    /// A tenant or provider name that is empty, only whitespace, or longer than 200 characters.
    case invalidName(kind: String)

    public var description: String {
        switch self {
        case .tenantNotFound(let id): "No tenant has the id \(id.uuidString.lowercased())."
        case .providerNotFound(let id): "No OIDC provider has the id \(id.uuidString.lowercased())."
        case .scimNotEnabled(let id):
            "SCIM is not enabled for provider \(id.uuidString.lowercased()); run `scim enable` first."
        case .invalidName(let kind): "A \(kind) name must have 1 to 200 characters and not be only spaces."
        }
    }
}
