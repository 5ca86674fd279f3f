import Foundation
import SCIM

/// One SCIM request and our answer as the provisioning log stores them: already redacted by the caller.
public struct ProvisioningLogRecord: Sendable, Equatable {
    public var providerID: UUID
    public var requestID: String
    public var method: String
    /// The route template, e.g. `/scim/v2/Users/{id}`.
    public var route: String
    public var status: Int
    public var dialect: SCIMDialect
    public var quirks: [SCIMQuirk]
    /// The redacted request envelope (`SCIMRedactor.redact(request:)`).
    public var request: JSONValue?
    /// The redacted response body, nil when there was none.
    public var response: JSONValue?
    public var durationMilliseconds: Double
    public var occurredAt: Date

    public init(
        providerID: UUID, requestID: String, method: String, route: String, status: Int, dialect: SCIMDialect,
        quirks: [SCIMQuirk], request: JSONValue?, response: JSONValue?, durationMilliseconds: Double,
        occurredAt: Date
    ) {
        self.providerID = providerID
        self.requestID = requestID
        self.method = method
        self.route = route
        self.status = status
        self.dialect = dialect
        self.quirks = quirks
        self.request = request
        self.response = response
        self.durationMilliseconds = durationMilliseconds
        self.occurredAt = occurredAt
    }
}
