import Foundation
import Postgres
import SCIM

/// A stored provisioning-log row, newest first in `ProvisioningLogRepository.recent`; `id` is the cursor for the
/// next, older page.
public struct ProvisioningLogEntry: Sendable, Equatable {
    public let id: Int64
    public let providerID: UUID
    public let requestID: String
    public let method: String
    public let route: String
    public let status: Int
    public let dialect: SCIMDialect
    public let quirks: [SCIMQuirk]
    public let request: JSONValue?
    public let response: JSONValue?
    public let durationMilliseconds: Double
    public let occurredAt: Date

    static let columns = """
        id, provider_id, request_id, method, route, status, dialect, quirks, request::text AS request,
        response::text AS response, duration_ms, occurred_at
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id", as: Int64.self)
        providerID = try row.decode("provider_id", as: UUID.self)
        requestID = try row.decode("request_id", as: String.self)
        method = try row.decode("method", as: String.self)
        route = try row.decode("route", as: String.self)
        status = try row.decode("status", as: Int.self)
        dialect = SCIMDialect(rawValue: try row.decode("dialect", as: String.self))
        quirks = try row.decode("quirks", as: [String].self).map(SCIMQuirk.init(rawValue:))
        request = try row.decodeIfPresent("request", as: String.self).map { try JSONValue.parse($0) }
        response = try row.decodeIfPresent("response", as: String.self).map { try JSONValue.parse($0) }
        durationMilliseconds = try row.decode("duration_ms", as: Double.self)
        occurredAt = try row.decode("occurred_at", as: Date.self)
    }
}
