import Foundation
import Identity
import Postgres

/// Writes provisioning events inside the transaction of the change they describe.
public struct ProvisioningEventRepository {
    private let connection: PostgresConnection

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The row travels with the transaction's next statement, or just before its COMMIT, so it costs no round trip
    /// of its own; a failure to write it fails the transaction all the same.
    public func record(_ event: ProvisioningEvent) {
        connection.deferUntilNextQuery(
            """
            INSERT INTO provisioning_events (tenant_id, provider_id, token_id, resource_type, resource_id, operation,
                changed_attributes, request_id)
            VALUES (\(event.principal.tenantID), \(event.principal.providerID), \(event.principal.tokenID),
                \(event.resourceType.rawValue), \(event.resourceID), \(event.operation.rawValue),
                \(event.changedAttributes)::text[], \(event.requestID))
            """)
    }
}
