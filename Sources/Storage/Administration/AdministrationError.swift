import Foundation

/// Failures of administrative commands, worded for the operator who typed them.
public enum AdministrationError: Error, CustomStringConvertible, Equatable {
    case tenantNotFound(UUID)
    case providerNotFound(UUID)
    case scimNotEnabled(UUID)

    public var description: String {
        switch self {
        case .tenantNotFound(let id): "No tenant has the id \(id.uuidString.lowercased())."
        case .providerNotFound(let id): "No OIDC provider has the id \(id.uuidString.lowercased())."
        case .scimNotEnabled(let id):
            "SCIM is not enabled for provider \(id.uuidString.lowercased()); run `scim enable` first."
        }
    }
}
