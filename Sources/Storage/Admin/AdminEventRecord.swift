import Foundation
import Postgres

/// One provisioning event as the admin API shows it. Holds no attribute values, only their names.
public struct AdminEventRecord: Sendable, Equatable {
    public let id: Int64
    public var providerID: UUID?
    public var tokenID: UUID?
    public var resourceType: String
    public var resourceID: UUID
    public var operation: String
    public var changedAttributes: [String]
    public var requestID: String?
    public var occurredAt: Date
    /// `occurred_at` in microseconds, PostgreSQL's own precision, for an exact keyset position.
    let micros: Int64

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        providerID = try row.decodeIfPresent("provider_id")
        tokenID = try row.decodeIfPresent("token_id")
        resourceType = try row.decode("resource_type")
        resourceID = try row.decode("resource_id")
        operation = try row.decode("operation")
        changedAttributes = try row.decode("changed_attributes")
        requestID = try row.decodeIfPresent("request_id")
        occurredAt = try row.decode("occurred_at")
        micros = try row.decode("micros")
    }
}
