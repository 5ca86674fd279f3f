import Foundation

/// The request envelope the provisioning log keeps.
extension SCIMRedactor {
    /// `{"path", "query": [{"name", "value"}], "userAgent", "contentType", "body"}`, every part redacted. Headers
    /// other than the client's name and the media type are not kept at all, so neither `Authorization` nor cookies
    /// can reach the log.
    public func redact(request: SCIMObservedRequest) -> JSONValue {
        var envelope: [String: JSONValue] = ["path": .string(Self.redact(urlPath: request.path))]
        if !request.query.isEmpty {
            var parameters: [JSONValue] = request.query.prefix(maxArrayElements).map { parameter in
                let (name, value) = Self.redact(queryParameter: parameter.name, value: parameter.value)
                return .object(["name": .string(name), "value": .string(value)])
            }
            if request.query.count > maxArrayElements {
                parameters.append(.string("<+\(request.query.count - maxArrayElements) more>"))
            }
            envelope["query"] = .array(parameters)
        }
        if let userAgent = request.userAgent { envelope["userAgent"] = .string(Self.redact(userAgent: userAgent)) }
        if let contentType = request.contentType { envelope["contentType"] = .string(Self.mediaType(of: contentType)) }
        if let body = request.body {
            envelope["body"] = redact(body: body)
        } else if request.bodyByteCount > 0 {
            envelope["body"] = .string("<unparsable:\(request.bodyByteCount)>")
        }
        return .object(envelope)
    }

    /// RFC 7644 §3.4.2 and RFC 9865 parameter names, lower-cased.
    static let knownQueryParameters: Set<String> = [
        "filter", "attributes", "excludedattributes", "sortby", "sortorder", "startindex", "count", "cursor",
    ]

    /// One query parameter (RFC 7644 §3.4.2): `filter` keeps its attributes and operators, attribute lists and
    /// paging numbers stay, any other value becomes a marker. Names other than these and Entra's flag are replaced too.
    static func redact(queryParameter name: String, value: String) -> (name: String, value: String) {
        let folded = name.lowercased()
        let plainName =
            knownQueryParameters.contains(folded)
            || (SCIMWireVocabulary.occurs(SCIMWireVocabulary.entraFlag, in: folded) && name.count <= 64
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-:/".contains($0)) })
        let keptName = plainName ? name : "<param:\(name.count)>"
        guard plainName, !value.isEmpty else { return (keptName, value.isEmpty ? "" : marker(for: value)) }
        switch name.lowercased() {
        case "filter":
            return (keptName, redact(filter: value))
        case "attributes", "excludedattributes", "sortby":
            let items = value.split(separator: ",", omittingEmptySubsequences: false).map { item -> String in
                let trimmed = item.trimmingCharacters(in: .whitespaces)
                return SCIMWireVocabulary.isKnownAttributePath(trimmed) ? String(item) : marker(for: String(item))
            }
            return (keptName, items.joined(separator: ","))
        case "sortorder":
            return (keptName, ["ascending", "descending"].contains(value.lowercased()) ? value : marker(for: value))
        case "startindex", "count":
            return (
                keptName,
                value.count <= 10 && value.allSatisfy { $0.isASCII && $0.isNumber } ? value : marker(for: value)
            )
        default:
            return (keptName, marker(for: value))
        }
    }
}
