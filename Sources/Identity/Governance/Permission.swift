/// The right to perform one operation on one kind of resource, such as reading teams or using models.
///
/// Resources and operations are plain lowercase names so custom roles survive catalog growth;
/// `PermissionCatalog` lists the pairs the gateway defines and checks.
public struct Permission: Sendable, Hashable, CustomStringConvertible {
    public let resource: String
    public let operation: String

    public init(resource: String, operation: String) {
        self.resource = resource
        self.operation = operation
    }

    /// `resource:operation`, the form used in logs and the admin API.
    public var description: String { "\(resource):\(operation)" }
}
