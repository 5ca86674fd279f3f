import Foundation
import Identity

/// Which provisioning events to list; every field set narrows the list. `since` is inclusive, `until` exclusive.
public struct AdminEventFilter: Sendable, Equatable {
    public var providerID: UUID?
    public var resourceType: ProvisioningEvent.ResourceType?
    public var resourceID: UUID?
    public var operation: ProvisioningEvent.Operation?
    public var since: Date?
    public var until: Date?

    public init(
        providerID: UUID? = nil, resourceType: ProvisioningEvent.ResourceType? = nil, resourceID: UUID? = nil,
        operation: ProvisioningEvent.Operation? = nil, since: Date? = nil, until: Date? = nil
    ) {
        self.providerID = providerID
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.operation = operation
        self.since = since
        self.until = until
    }
}
