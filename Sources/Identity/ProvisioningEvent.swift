import Foundation

/// One change made through SCIM, recorded in the same transaction as the change. Holds no attribute values.
public struct ProvisioningEvent: Sendable, Equatable {
    public enum Operation: String, Sendable {
        case create, replace, patch, deactivate, reactivate, delete, merge
        case addMembers = "add_members"
        case removeMembers = "remove_members"
    }

    public enum ResourceType: String, Sendable {
        case user = "User"
        case group = "Group"
    }

    public var principal: ProvisioningPrincipal
    public var resourceType: ResourceType
    public var resourceID: UUID
    public var operation: Operation
    public var changedAttributes: [String]
    public var requestID: String?

    public init(
        principal: ProvisioningPrincipal, resourceType: ResourceType, resourceID: UUID, operation: Operation,
        changedAttributes: [String], requestID: String?
    ) {
        self.principal = principal
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.operation = operation
        self.changedAttributes = changedAttributes
        self.requestID = requestID
    }
}
