import Foundation
import HTTPServer
import Identity
import SCIM
import Storage

/// A SCIM request and our answer as the handler hands them over: not yet redacted, held only in memory until the
/// writer turns it into a `ProvisioningLogRecord`.
struct ProvisioningLogCapture: Sendable {
    let request: HTTPRequest
    let response: HTTPResponse
    let principal: ProvisioningPrincipal
    let route: String
    let durationMilliseconds: Double
    let requestID: String
    let occurredAt: Date

    /// What the capture holds in memory, for the queue's byte budget.
    var byteCount: Int { request.body.count + response.body.count + 512 }

    /// The request as recognition and redaction see it.
    var observedRequest: SCIMObservedRequest {
        SCIMObservedRequest(
            method: request.method, path: request.path, query: request.query,
            userAgent: request.headers["User-Agent"], contentType: request.headers["Content-Type"],
            body: request.body.isEmpty ? nil : try? JSONValue.parse(request.body), bodyByteCount: request.body.count)
    }

    /// Recognises the dialect and quirks and redacts both bodies.
    func record(redactor: SCIMRedactor) -> ProvisioningLogRecord {
        let observed = observedRequest
        let quirks = SCIMQuirkDetector.quirks(in: observed)
        var answer: JSONValue?
        if !response.body.isEmpty {
            answer =
                (try? JSONValue.parse(response.body)).map { redactor.redact(body: $0) }
                ?? .string("<unparsable:\(response.body.count)>")
        }
        return ProvisioningLogRecord(
            providerID: principal.providerID, requestID: requestID, method: String(request.method.prefix(16)),
            route: route, status: response.status,
            dialect: SCIMDialectRecognizer.recognize(observed, quirks: quirks), quirks: quirks,
            request: redactor.redact(request: observed), response: answer,
            durationMilliseconds: durationMilliseconds, occurredAt: occurredAt)
    }
}
