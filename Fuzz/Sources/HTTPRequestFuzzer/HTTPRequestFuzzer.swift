@testable import HTTPServer

/// Fuzzes `HTTPRequestParser`, the first code to read a client's bytes (RFC 9112 framing).
///
/// Besides not crashing, the parser must frame a byte stream the same way however TCP splits it: the events of the
/// whole input at once, of the input one byte at a time, and of the input in pieces chosen from its own bytes must
/// be equal. A difference is where request smuggling starts, so it traps like a crash. `100 Continue` is left out of
/// the comparison: it is announced only while no body byte has arrived, which does depend on the split.
enum HTTPRequestFuzzer {
    /// Small limits, so that the fuzzer reaches every limit with short inputs.
    static let limits = HTTPRequestParser.Limits(maxRequestLineBytes: 96, maxHeaderBytes: 384, maxBodyBytes: 512)

    static func run(_ input: [UInt8]) {
        let whole = events(of: input, pieceSizes: [input.count])
        let bytewise = events(of: input, pieceSizes: [1])
        let pieced = events(of: input, pieceSizes: pieceSizes(for: input))
        guard whole == bytewise, whole == pieced else {
            fatalError("framing depends on how the bytes arrive:\n\(whole)\n\(bytewise)\n\(pieced)")
        }
        // Requests the gateway builds itself (Bulk operations) decode arbitrary targets through the same code.
        let built = HTTPRequest(method: "GET", target: String(decoding: input, as: UTF8.self))
        _ = built.queryValue("filter")
    }

    /// Feeds `input` in pieces of the given sizes, cycling through them, and describes every event.
    static func events(of input: [UInt8], pieceSizes: [Int]) -> [String] {
        var parser = HTTPRequestParser(limits: limits)
        var described: [String] = []
        var offset = 0
        var piece = 0
        repeat {
            let size = max(1, pieceSizes[piece % pieceSizes.count])
            let end = min(input.count, offset + size)
            parser.append(input[offset..<end])
            offset = end
            piece += 1
            while let event = parser.next() {
                if let text = describe(event) { described.append(text) }
                if case .failure = event {
                    parser.append(input[offset...])
                    guard parser.next() == nil else { fatalError("the parser produced an event after a failure") }
                    return described
                }
            }
        } while offset < input.count
        return described
    }

    /// Checks a request against the limits and describes it; nil for `100 Continue`.
    static func describe(_ event: HTTPRequestParser.Event) -> String? {
        switch event {
        case .continueExpected:
            return nil
        case .failure(let failure):
            return "failure \(failure)"
        case .request(let request, let keepAlive):
            guard request.body.count <= limits.maxBodyBytes, request.target.utf8.count <= limits.maxRequestLineBytes,
                !request.method.isEmpty
            else { fatalError("a request exceeds the parser's limits") }
            let headers = request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "|")
            return "\(request.method) \(request.target) \(request.version) [\(headers)] \(request.body) \(keepAlive)"
        }
    }

    /// Piece sizes between 1 and 64 taken from the input itself, so the fuzzer steers the split as it mutates.
    static func pieceSizes(for input: [UInt8]) -> [Int] {
        let sizes = input.prefix(8).map { Int($0 % 64) + 1 }
        return sizes.isEmpty ? [1] : sizes
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    HTTPRequestFuzzer.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
