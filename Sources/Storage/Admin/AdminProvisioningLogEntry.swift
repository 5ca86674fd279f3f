import Foundation
import Postgres
import SCIM

/// One row of a provider's provisioning log: a SCIM request, redacted when it was written, and our answer.
public struct AdminProvisioningLogEntry: Sendable, Equatable {
    public let id: Int64
    public var requestID: String
    public var method: String
    public var route: String
    public var status: Int
    public var dialect: String
    public var quirks: [String]
    public var request: JSONValue?
    public var response: JSONValue?
    public var durationMilliseconds: Double
    public var occurredAt: Date
    let micros: Int64

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        requestID = try row.decode("request_id")
        method = try row.decode("method")
        route = try row.decode("route")
        status = try row.decode("status")
        dialect = try row.decode("dialect")
        quirks = try row.decode("quirks")
        request = try row.decodeIfPresent("request", as: String.self).map { try JSONValue.parse($0) }
        response = try row.decodeIfPresent("response", as: String.self).map { try JSONValue.parse($0) }
        durationMilliseconds = try row.decode("duration_ms")
        occurredAt = try row.decode("occurred_at")
        micros = try row.decode("micros")
    }
}
