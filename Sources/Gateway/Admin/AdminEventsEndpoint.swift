import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage

/// `/tenants/{tenantId}/provisioning-events` and a provider's provisioning log, both newest first in keyset pages.
struct AdminEventsEndpoint: Sendable {
    let pool: PostgresPool

    /// Every operation a provisioning event records (`provisioning_events.operation`).
    static let operations = [
        "create", "replace", "patch", "deactivate", "reactivate", "delete", "merge", "add_members", "remove_members",
    ]

    func list(_ context: AdminRequestContext) throws -> HTTPResponse {
        var filter = AdminEventFilter()
        filter.providerID = try context.queryID("provider_id")
        filter.resourceID = try context.queryID("resource_id")
        if let type = context.query("resource_type") {
            guard let parsed = ProvisioningEvent.ResourceType(rawValue: type) else {
                throw AdminAPIError.parameter("resource_type", "User or Group")
            }
            filter.resourceType = parsed
        }
        if let operation = context.query("operation") {
            guard let parsed = ProvisioningEvent.Operation(rawValue: operation) else {
                throw AdminAPIError.parameter("operation", "one of " + Self.operations.joined(separator: ", "))
            }
            filter.operation = parsed
        }
        filter.since = try Self.time(context, "since")
        filter.until = try Self.time(context, "until")
        let page = try context.page()
        let events = try database(context).transaction { try $0.adminEvents.list(filter, page) }
        return AdminResponse.json(AdminJSON.page(events, AdminJSON.event))
    }

    /// The provider's provisioning log: recent SCIM requests, redacted by the SCIM path when it wrote them.
    func provisioningLog(_ context: AdminRequestContext) throws -> HTTPResponse {
        let providerID = try context.id("providerId", "OIDC provider")
        let page = try context.page()
        let entries = try database(context).transaction {
            try $0.adminProvisioningLog.list(providerID: providerID, page)
        }
        return AdminResponse.json(AdminJSON.page(entries, AdminJSON.logEntry))
    }

    private static func time(_ context: AdminRequestContext, _ name: String) throws -> Date? {
        guard let text = context.query(name) else { return nil }
        guard let date = SCIMDateTime.parse(text) else {
            throw AdminAPIError.parameter(name, "an RFC 3339 time such as 2026-01-31T12:00:00Z")
        }
        return date
    }

    private func database(_ context: AdminRequestContext) throws -> TenantDatabase {
        TenantDatabase(pool: pool, tenantID: try context.tenantID())
    }
}
