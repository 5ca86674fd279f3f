import Foundation
import HTTPServer
import SCIM

/// `POST /Bulk` (RFC 7644 §3.7): operations run in order, each through the same endpoint and transaction as a
/// single request would, so one failing operation never undoes or half-applies another.
///
/// `bulkId:` references are resolved from operations earlier in the same request; a reference to a later or failed
/// operation is that operation's error (forward references are not reordered).
struct SCIMBulkEndpoint: Sendable {
    static let requestURN = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
    static let responseURN = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"

    let limits: SCIMLimits

    typealias Dispatch = (_ method: String, _ segments: [String], _ context: SCIMRequestContext) throws -> HTTPResponse

    func handle(_ context: SCIMRequestContext, dispatch: Dispatch) throws -> HTTPResponse {
        let body = try context.body()
        guard let operations = body.member(named: "Operations")?.value.arrayValue else {
            throw SCIMError.invalidSyntax("A bulk request needs an Operations array.")
        }
        guard operations.count <= limits.maxBulkOperations else {
            throw SCIMError(
                status: 413, detail: "At most \(limits.maxBulkOperations) operations are accepted in one bulk request.")
        }
        // RFC 7644 §3.7.3: stop after this many errors; absent (or null) means run every operation. Anything but a
        // whole number is refused: guessing would run operations the client meant to stop before.
        var failOnErrors: Int?
        if let value = body.member(named: "failOnErrors")?.value, value != .null {
            guard let number = value.integerValue, number >= 0 else {
                throw SCIMError.invalidSyntax("failOnErrors must be a whole number of errors.")
            }
            failOnErrors = Int(number)
        }
        var resolved: [String: String] = [:]
        var seen: Set<String> = []
        var results: [JSONValue] = []
        var errors = 0
        for operation in operations {
            let result = run(operation, context, &resolved, &seen, dispatch)
            results.append(result)
            if let status = result["status"]?.stringValue.flatMap(Int.init), status >= 400 {
                errors += 1
                if let failOnErrors, failOnErrors > 0, errors >= failOnErrors { break }
            }
        }
        return SCIMResponse.json(
            .object(["schemas": .array([.string(Self.responseURN)]), "Operations": .array(results)]))
    }

    private func run(
        _ operation: JSONValue, _ context: SCIMRequestContext, _ resolved: inout [String: String],
        _ seen: inout Set<String>, _ dispatch: Dispatch
    ) -> JSONValue {
        let method = operation.member(named: "method")?.value.stringValue?.uppercased() ?? ""
        let bulkID = operation.member(named: "bulkId")?.value.stringValue
        var result: [String: JSONValue] = ["method": .string(method)]
        if let bulkID { result["bulkId"] = .string(bulkID) }
        do {
            guard ["POST", "PUT", "PATCH", "DELETE"].contains(method) else {
                throw SCIMError.invalidValue("Bulk operation method must be POST, PUT, PATCH or DELETE.")
            }
            if method == "POST" && bulkID == nil {
                throw SCIMError.invalidValue("A bulk POST needs a bulkId (RFC 7644 §3.7).")
            }
            // A bulkId names one operation: a second one would make every `bulkId:` reference to it ambiguous.
            if let bulkID, !seen.insert(bulkID).inserted {
                throw SCIMError.invalidValue("bulkId \(bulkID) is used by an earlier operation of this request.")
            }
            guard let rawPath = operation.member(named: "path")?.value.stringValue else {
                throw SCIMError.invalidValue("Bulk operation needs a path.")
            }
            let path = try Self.substitute(.string(rawPath), resolved).stringValue ?? rawPath
            let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            guard let resource = segments.first?.lowercased(), ["users", "groups"].contains(resource),
                segments.count == (method == "POST" ? 1 : 2)
            else { throw SCIMError.invalidPath("Bulk path \(rawPath) names no resource this service has.") }
            var body: [UInt8] = []
            if let data = operation.member(named: "data")?.value {
                body = try Self.substitute(data, resolved).serialized()
            } else if method != "DELETE" {
                throw SCIMError.invalidSyntax("Bulk \(method) needs data.")
            }
            var request = HTTPRequest(method: method, target: context.baseURL + "/" + path, body: body)
            if let version = operation.member(named: "version")?.value.stringValue {
                request.headers.add(name: "If-Match", value: version)
            }
            let inner = SCIMRequestContext(
                request: request, principal: context.principal, requestID: context.requestID,
                baseURL: context.baseURL)
            let response = try dispatch(method, segments, inner)
            result["status"] = .string(String(response.status))
            if let location = response.headers["Location"] ?? Self.location(response.body) {
                result["location"] = .string(location)
                if let bulkID, let id = location.split(separator: "/").last { resolved[bulkID] = String(id) }
            }
            if let etag = response.headers["ETag"] { result["version"] = .string(etag) }
        } catch let error as SCIMError {
            result["status"] = .string(String(error.status))
            result["response"] = error.json
        } catch {
            result["status"] = "500"
            result["response"] = SCIMError(status: 500, detail: "Internal error in this operation.").json
        }
        return .object(result)
    }

    private static func location(_ body: [UInt8]) -> String? {
        guard !body.isEmpty, let json = try? JSONValue.parse(body) else { return nil }
        return json["meta"]?["location"]?.stringValue
    }

    /// Replaces every `bulkId:<id>` string with the id the referenced operation created.
    private static func substitute(_ value: JSONValue, _ resolved: [String: String]) throws -> JSONValue {
        switch value {
        case .string(let text):
            guard let range = text.range(of: "bulkId:") else { return value }
            let reference = String(text[range.upperBound...].prefix { $0 != "/" && $0 != "\"" })
            guard let id = resolved[reference] else {
                throw SCIMError(
                    status: 409, scimType: .invalidValue,
                    detail: "bulkId \(reference) does not name an earlier successful operation of this request.")
            }
            return .string(text.replacingOccurrences(of: "bulkId:" + reference, with: id))
        case .array(let items):
            return .array(try items.map { try substitute($0, resolved) })
        case .object(let members):
            return .object(try members.mapValues { try substitute($0, resolved) })
        default:
            return value
        }
    }
}
