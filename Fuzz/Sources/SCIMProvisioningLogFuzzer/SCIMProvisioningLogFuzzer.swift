import SCIM

/// Fuzzes what the provisioning log does with every authenticated SCIM request: dialect recognition, quirk
/// detection and redaction. It runs on a background writer, where a trap would take the whole process down.
///
/// The input's first line is the request line, `METHOD /path?query`, its second the `User-Agent`, the rest the body.
/// A redacted request must serialise to JSON that parses back equal, since it is stored as `jsonb`.
enum SCIMProvisioningLogFuzzer {
    static func run(_ input: [UInt8]) {
        let lines = input.split(separator: 0x0A, maxSplits: 2, omittingEmptySubsequences: false)
        let requestLine = String(decoding: lines[0], as: UTF8.self)
        let userAgent = lines.count > 1 ? String(decoding: lines[1], as: UTF8.self) : nil
        let rawBody = lines.count > 2 ? Array(lines[2]) : []
        let parts = requestLine.split(separator: " ", maxSplits: 1)
        let method = parts.first.map(String.init) ?? ""
        let target = parts.count > 1 ? String(parts[1]) : ""
        let pathEnd = target.firstIndex(of: "?") ?? target.endIndex
        let query = target[pathEnd...].dropFirst().split(separator: "&").map { pair in
            let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (name: String(nameValue[0]), value: nameValue.count > 1 ? String(nameValue[1]) : "")
        }
        let request = SCIMObservedRequest(
            method: method, path: String(target[..<pathEnd]), query: query, userAgent: userAgent,
            contentType: "application/scim+json", body: try? JSONValue.parse(rawBody), bodyByteCount: rawBody.count)

        let quirks = SCIMQuirkDetector.quirks(in: request)
        _ = SCIMDialectRecognizer.recognize(request, quirks: quirks)
        let redacted = SCIMRedactor().redact(request: request)
        let text = redacted.serialized()
        guard (try? JSONValue.parse(text, maxDepth: .max)) == redacted else {
            fatalError("a redacted request does not survive serialisation: \(String(decoding: text, as: UTF8.self))")
        }
        _ = SCIMRedactor.redact(filter: requestLine)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSCIMProvisioningLog(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    SCIMProvisioningLogFuzzer.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
