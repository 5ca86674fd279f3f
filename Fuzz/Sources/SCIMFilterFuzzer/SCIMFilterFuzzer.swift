@testable import SCIM

/// Fuzzes the RFC 7644 §3.4.2.2 filter parser, which reads the `filter` query parameter and PATCH paths.
///
/// Every filter that parses must print as text that parses back to an equal filter (the contract of
/// `SCIMFilter.description`, which cursors and logs rely on), and must evaluate against a stored user without
/// trapping. The same text is also read as a PATCH path and as a list request's parameters.
enum SCIMFilterFuzzer {
    static let user: JSONValue = {
        let body = #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
            "userName":"alice@example.com","name":{"givenName":"Alice","familyName":"Ng"},"active":true,
            "emails":[{"value":"alice@example.com","type":"work","primary":true},
                {"value":"a@home.example","type":"home"}],
            "meta":{"created":"2024-05-01T10:00:00Z","lastModified":"2024-05-02T10:00:00.5+02:00"},
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"42",
            "manager":{"value":"m-1"}}}
            """#
        return try! JSONValue.parse(body)
    }()

    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        for resourceType in SCIMResourceType.allCases {
            if let filter = try? SCIMFilter.parse(text, resourceType: resourceType) {
                checkRoundTrip(filter, resourceType)
                _ = filter.matches(user)
                _ = filter.memberIDs()
                _ = filter.equalityTemplate()
            }
            _ = try? SCIMPatchTarget.parse(text, resourceType: resourceType)
            _ = try? SCIMListQuery(queryItems: queryItems(text), resourceType: resourceType, maxResults: 200)
        }
    }

    /// The canonical text may be longer than the original (URN-qualified names), so it is read without limits.
    static func checkRoundTrip(_ filter: SCIMFilter, _ resourceType: SCIMResourceType) {
        let canonical = filter.description
        let reparsed: SCIMFilter
        do {
            reparsed = try SCIMFilter.parse(canonical, resourceType: resourceType, maxLength: .max, maxDepth: .max)
        } catch {
            fatalError("the canonical text of a filter does not parse: \(canonical) (\(error))")
        }
        guard reparsed == filter else { fatalError("the canonical text reads as another filter: \(canonical)") }
    }

    /// `name=value&...` pairs, as a URL query arrives decoded; text without `=` is the filter alone.
    static func queryItems(_ text: String) -> [(name: String, value: String)] {
        guard text.contains("=") else { return [("filter", text)] }
        return text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSCIMFilter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    SCIMFilterFuzzer.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
