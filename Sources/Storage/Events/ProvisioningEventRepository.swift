import Foundation
import Identity
import Postgres

/// Writes provisioning events inside the transaction of the change they describe.
public struct ProvisioningEventRepository {
    private let connection: PostgresConnection

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    public func record(_ event: ProvisioningEvent) throws {
        _ = try connection.query(
            """
            INSERT INTO provisioning_events (tenant_id, provider_id, token_id, resource_type, resource_id, operation,
                changed_attributes, request_id)
            VALUES (\(event.principal.tenantID), \(event.principal.providerID), \(event.principal.tokenID),
                \(event.resourceType.rawValue), \(event.resourceID), \(event.operation.rawValue),
                \(event.changedAttributes)::text[], \(event.requestID))
            """)
    }
}
