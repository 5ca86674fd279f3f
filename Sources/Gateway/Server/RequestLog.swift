import Foundation
import Identity

/// The fields of the one log line written per request. Holds no secrets, query strings or attribute values.
struct RequestLog {
    let requestID: String
    let method: String
    var route: String = "unmatched"
    var tenantID: UUID?
    var providerID: UUID?
    /// Set once a SCIM request is authenticated; such requests go to the provisioning log.
    var principal: ProvisioningPrincipal?
    var status: Int = 0
    var errorCode: String?

    func write(to logger: JSONLogger, durationMilliseconds: Double) {
        var values: [String: LogValue] = [
            "request_id": .string(requestID), "method": .string(method), "route": .string(route),
            "status": .integer(status), "duration_ms": .double((durationMilliseconds * 1000).rounded() / 1000),
        ]
        if let tenantID { values["tenant"] = .string(tenantID.uuidString.lowercased()) }
        if let providerID { values["provider"] = .string(providerID.uuidString.lowercased()) }
        if let errorCode { values["error"] = .string(errorCode) }
        // 501 answers a request for something the service does not offer (`/Me`): the client's concern, not a fault.
        logger.log(status >= 500 && status != 501 ? .error : .info, "request", values)
    }
}
