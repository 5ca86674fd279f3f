import Testing

@testable import HTTPServer

/// What a parser event says, in a form tables can compare.
enum ParsedOutcome: Equatable, CustomStringConvertible {
    case request(method: String, path: String, body: String, keepAlive: Bool)
    case continueExpected
    case failure(HTTPServerFailure)

    init(_ event: HTTPRequestParser.Event) {
        switch event {
        case .request(let request, let keepAlive):
            self = .request(
                method: request.method, path: request.path, body: String(decoding: request.body, as: UTF8.self),
                keepAlive: keepAlive)
        case .continueExpected:
            self = .continueExpected
        case .failure(let failure):
            self = .failure(failure)
        }
    }

    var description: String {
        switch self {
        case .request(let method, let path, let body, let keepAlive):
            "\(method) \(path) [\(body)] keepAlive=\(keepAlive)"
        case .continueExpected: "100-continue"
        case .failure(let failure): "failure(\(failure))"
        }
    }
}

let testLimits = HTTPRequestParser.Limits(maxRequestLineBytes: 64, maxHeaderBytes: 256, maxBodyBytes: 32)

/// Feeds `input` in pieces of `pieceSize` bytes and collects every event.
func parse(_ input: String, pieceSize: Int = .max, limits: HTTPRequestParser.Limits = testLimits) -> [ParsedOutcome] {
    var parser = HTTPRequestParser(limits: limits)
    var outcomes: [ParsedOutcome] = []
    let bytes = Array(input.utf8)
    var offset = 0
    repeat {
        let end = min(bytes.count, offset + min(pieceSize, bytes.count - offset))
        parser.append(bytes[offset..<end])
        offset = end
        while let event = parser.next() { outcomes.append(ParsedOutcome(event)) }
    } while offset < bytes.count
    return outcomes
}

struct ParserCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var expected: [ParsedOutcome]

    var testDescription: String { name }
}

@Suite("HTTP/1.x request parser")
struct HTTPRequestParserTests {
    static let validRequests: [ParserCase] = [
        ParserCase(
            name: "HTTP/1.1 GET keeps the connection alive by default",
            input: "GET /scim/v2/Users HTTP/1.1\r\nHost: a\r\n\r\n",
            expected: [.request(method: "GET", path: "/scim/v2/Users", body: "", keepAlive: true)]),
        ParserCase(
            name: "HTTP/1.0 closes by default",
            input: "GET / HTTP/1.0\r\n\r\n",
            expected: [.request(method: "GET", path: "/", body: "", keepAlive: false)]),
        ParserCase(
            name: "HTTP/1.0 with Connection: keep-alive stays open",
            input: "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
            expected: [.request(method: "GET", path: "/", body: "", keepAlive: true)]),
        ParserCase(
            name: "HTTP/1.1 with Connection: close closes",
            input: "GET / HTTP/1.1\r\nConnection: te, close\r\n\r\n",
            expected: [.request(method: "GET", path: "/", body: "", keepAlive: false)]),
        ParserCase(
            name: "a Content-Length body is read exactly",
            input: "POST /Users HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello",
            expected: [.request(method: "POST", path: "/Users", body: "hello", keepAlive: true)]),
        ParserCase(
            name: "Content-Length zero means no body",
            input: "DELETE /Users/1 HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
            expected: [.request(method: "DELETE", path: "/Users/1", body: "", keepAlive: true)]),
        ParserCase(
            name: "a chunked body is decoded, extensions and trailers are dropped",
            input: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nTrailer-One: x\r\n\r\n",
            expected: [.request(method: "POST", path: "/", body: "hello 0123456789", keepAlive: true)]),
        ParserCase(
            name: "chunk sizes accept upper-case hex and leading zeros",
            input: "POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n000B\r\nhello world\r\n0\r\n\r\n",
            expected: [.request(method: "POST", path: "/", body: "hello world", keepAlive: true)]),
        ParserCase(
            name: "bare LF line endings are accepted",
            input: "POST /x HTTP/1.1\nContent-Length: 2\n\nok",
            expected: [.request(method: "POST", path: "/x", body: "ok", keepAlive: true)]),
        ParserCase(
            name: "empty lines before the request line are ignored",
            input: "\r\n\r\nGET /after HTTP/1.1\r\n\r\n",
            expected: [.request(method: "GET", path: "/after", body: "", keepAlive: true)]),
        ParserCase(
            name: "pipelined requests come out one by one, in order",
            input: "GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
                + "POST /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\nGET /4 HTTP/1.1\r\n\r\n",
            expected: [
                .request(method: "GET", path: "/1", body: "", keepAlive: true),
                .request(method: "POST", path: "/2", body: "abc", keepAlive: true),
                .request(method: "POST", path: "/3", body: "xy", keepAlive: true),
                .request(method: "GET", path: "/4", body: "", keepAlive: true),
            ]),
        ParserCase(
            name: "absolute-form targets are reduced to their path",
            input: "GET http://gateway.example/scim/v2/Groups?x=1 HTTP/1.1\r\n\r\n",
            expected: [.request(method: "GET", path: "/scim/v2/Groups", body: "", keepAlive: true)]),
        ParserCase(
            name: "the path is percent-decoded",
            input: "GET /Users/a%20b%2Fc HTTP/1.1\r\n\r\n",
            expected: [.request(method: "GET", path: "/Users/a b/c", body: "", keepAlive: true)]),
        ParserCase(
            name: "Expect: 100-continue is reported before the body arrives",
            input: "PUT /u HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n",
            expected: [.continueExpected]),
        ParserCase(
            name: "missing Host on HTTP/1.1 is accepted",
            input: "GET /no-host HTTP/1.1\r\nAccept: */*\r\n\r\n",
            expected: [.request(method: "GET", path: "/no-host", body: "", keepAlive: true)]),
        ParserCase(
            name: "obs-text in a field value is accepted",
            input: "GET / HTTP/1.1\r\nX-Name: caf\u{E9}\r\n\r\n",
            expected: [.request(method: "GET", path: "/", body: "", keepAlive: true)]),
        ParserCase(
            name: "methods are kept as sent",
            input: "PATCH /Groups/7 HTTP/1.1\r\nContent-Length: 1\r\n\r\n{",
            expected: [.request(method: "PATCH", path: "/Groups/7", body: "{", keepAlive: true)]),
    ]

    @Test("valid requests parse the same whole and byte by byte", arguments: validRequests)
    func validRequest(_ testCase: ParserCase) {
        #expect(parse(testCase.input) == testCase.expected)
        #expect(parse(testCase.input, pieceSize: 1) == testCase.expected)
        #expect(parse(testCase.input, pieceSize: 7) == testCase.expected)
    }

    static let rejectedRequests: [ParserCase] = [
        // Request smuggling: ambiguous or conflicting body framing (RFC 9112 §6.1, §6.3).
        rejection(
            "Content-Length together with Transfer-Encoding",
            "POST / HTTP/1.1\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG", .badRequest),
        rejection(
            "Transfer-Encoding before Content-Length",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", .badRequest),
        rejection(
            "two identical Content-Length fields",
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", .badRequest),
        rejection(
            "two differing Content-Length fields",
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", .badRequest),
        rejection("a Content-Length list", "POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc", .badRequest),
        rejection("a non-digit Content-Length", "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", .badRequest),
        rejection("a signed Content-Length", "POST / HTTP/1.1\r\nContent-Length: +3\r\n\r\nabc", .badRequest),
        rejection("a negative Content-Length", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", .badRequest),
        rejection("an empty Content-Length", "POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", .badRequest),
        rejection("a hex Content-Length", "POST / HTTP/1.1\r\nContent-Length: 0x3\r\n\r\nabc", .badRequest),
        rejection(
            "Transfer-Encoding gzip without chunked",
            "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", .badRequest),
        rejection(
            "chunked not the final coding",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", .badRequest),
        rejection(
            "chunked applied twice in one field",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", .badRequest),
        rejection(
            "chunked applied twice in two fields",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", .badRequest),
        rejection("a look-alike coding", "POST / HTTP/1.1\r\nTransfer-Encoding: xchunked\r\n\r\n", .badRequest),
        rejection("a coding with parameters", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked;q=1\r\n\r\n", .badRequest),
        rejection("an empty coding element", "POST / HTTP/1.1\r\nTransfer-Encoding: , chunked\r\n\r\n", .badRequest),
        rejection(
            "a vertical tab around the coding",
            "POST / HTTP/1.1\r\nTransfer-Encoding: \u{0B}chunked\r\n\r\n", .badRequest),
        rejection(
            "Transfer-Encoding in HTTP/1.0",
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .badRequest),
        rejection(
            "a coding we cannot decode before chunked",
            "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferEncoding),
        // Field syntax (RFC 9112 §5).
        rejection("obsolete line folding", "GET / HTTP/1.1\r\nX-A: one\r\n two\r\n\r\n", .badRequest),
        rejection("line folding with a tab", "GET / HTTP/1.1\r\nX-A: one\r\n\ttwo\r\n\r\n", .badRequest),
        rejection(
            "whitespace before the colon",
            "POST / HTTP/1.1\r\nContent-Length : 3\r\n\r\nabc", .badRequest),
        rejection("a field line without a colon", "GET / HTTP/1.1\r\nNoColon\r\n\r\n", .badRequest),
        rejection("a NUL in a field value", "GET / HTTP/1.1\r\nX-A: a\u{0}b\r\n\r\n", .badRequest),
        rejection("a CR without LF inside a field", "GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n", .badRequest),
        rejection("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .badRequest),
        // Request line (RFC 9112 §3).
        rejection("a CR without LF ending the request line", "GET / HTTP/1.1\rHost: a\r\n\r\n", .badRequest),
        rejection("a control character in the target", "GET /a\u{1}b HTTP/1.1\r\n\r\n", .badRequest),
        rejection("a DEL in the target", "GET /a\u{7F} HTTP/1.1\r\n\r\n", .badRequest),
        rejection("non-ASCII in the target", "GET /caf\u{E9} HTTP/1.1\r\n\r\n", .badRequest),
        rejection("non-ASCII in the method", "G\u{C9}T / HTTP/1.1\r\n\r\n", .badRequest),
        rejection("a tab between method and target", "GET\t/ HTTP/1.1\r\n\r\n", .badRequest),
        rejection("two spaces between method and target", "GET  / HTTP/1.1\r\n\r\n", .badRequest),
        rejection("a trailing space after the version", "GET / HTTP/1.1 \r\n\r\n", .badRequest),
        rejection("an unknown version", "GET / HTTP/2.0\r\n\r\n", .badRequest),
        rejection("a lower-case protocol name", "GET / http/1.1\r\n\r\n", .badRequest),
        rejection("a missing version", "GET /\r\n\r\n", .badRequest),
        rejection("a relative target", "GET users HTTP/1.1\r\n\r\n", .badRequest),
        rejection("a malformed escape in the path", "GET /a%zz HTTP/1.1\r\n\r\n", .badRequest),
        rejection("an escaped NUL in the path", "GET /a%00 HTTP/1.1\r\n\r\n", .badRequest),
        rejection("escaped bytes that are not UTF-8", "GET /a%FF HTTP/1.1\r\n\r\n", .badRequest),
        rejection(
            "too many empty lines before the request",
            String(repeating: "\r\n", count: 9) + "GET / HTTP/1.1\r\n\r\n", .badRequest),
        // Chunked framing (RFC 9112 §7.1).
        rejection("a non-hex chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", .badRequest),
        rejection("an empty chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", .badRequest),
        rejection("a negative chunk size", "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", .badRequest),
        rejection(
            "a 0x-prefixed chunk size",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n", .badRequest),
        rejection(
            "whitespace before the chunk size",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n", .badRequest),
        rejection(
            "a chunk size that overflows",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1FFFFFFFFFFFFFFFF\r\n", .badRequest),
        rejection(
            "chunk data longer than its size",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", .badRequest),
        rejection(
            "a control character in a chunk extension",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;a\u{1}\r\nx\r\n0\r\n\r\n", .badRequest),
        rejection(
            "a folded trailer",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nA: b\r\n c\r\n\r\n", .badRequest),
        // Limits.
        rejection(
            "a request line over the limit",
            "GET /" + String(repeating: "a", count: 80) + " HTTP/1.1\r\n\r\n", .uriTooLong),
        rejection(
            "an unterminated request line over the limit",
            "GET /" + String(repeating: "a", count: 80), .uriTooLong),
        rejection(
            "a header section over the limit",
            "GET / HTTP/1.1\r\n" + String(repeating: "X-Filler: 0123456789012345678901234567890\r\n", count: 8)
                + "\r\n",
            .headersTooLarge),
        rejection(
            "a single unterminated header over the limit",
            "GET / HTTP/1.1\r\nX-Big: " + String(repeating: "b", count: 300), .headersTooLarge),
        rejection(
            "a declared body over the limit, before any body byte",
            "POST / HTTP/1.1\r\nContent-Length: 33\r\n\r\n", .bodyTooLarge),
        rejection(
            "a Content-Length too large for any integer",
            "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", .bodyTooLarge),
        rejection(
            "a chunked body growing over the limit",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n11\r\n", .bodyTooLarge),
        rejection(
            "a trailer section over the limit",
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: " + String(repeating: "t", count: 300),
            .headersTooLarge),
    ]

    static func rejection(_ name: String, _ input: String, _ failure: HTTPServerFailure) -> ParserCase {
        ParserCase(name: name, input: input, expected: [.failure(failure)])
    }

    @Test("malformed, ambiguous and oversized requests fail with one event", arguments: rejectedRequests)
    func rejectedRequest(_ testCase: ParserCase) {
        #expect(parse(testCase.input) == testCase.expected)
        #expect(parse(testCase.input, pieceSize: 1) == testCase.expected)
    }

    @Test("nothing after a failure is parsed, so a smuggled request never surfaces")
    func failureIsTerminal() {
        let attack =
            "POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            + "GET /admin HTTP/1.1\r\n\r\n"
        var parser = HTTPRequestParser(limits: testLimits)
        parser.append(attack.utf8)
        #expect(parser.next().map(ParsedOutcome.init) == .failure(.badRequest))
        parser.append("GET / HTTP/1.1\r\n\r\n".utf8)
        #expect(parser.next() == nil)
    }

    @Test("a request whose body limit is reached exactly is accepted")
    func bodyAtTheLimit() {
        let body = String(repeating: "z", count: 32)
        #expect(
            parse("POST / HTTP/1.1\r\nContent-Length: 32\r\n\r\n" + body)
                == [.request(method: "POST", path: "/", body: body, keepAlive: true)])
    }

    @Test("100-continue is not announced when the body is already here or for HTTP/1.0")
    func continueOnlyWhenWaiting() {
        #expect(
            parse("PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok")
                == [.request(method: "PUT", path: "/", body: "ok", keepAlive: true)])
        #expect(parse("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n") == [])
        #expect(parse("GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n").count == 1)
    }

    @Test("the phase follows the request from idle through head and body back to idle")
    func phases() {
        var parser = HTTPRequestParser(limits: testLimits)
        #expect(parser.phase == .idle)
        parser.append("POST / HTTP/1.1\r\nContent-Le".utf8)
        #expect(parser.next() == nil)
        #expect(parser.phase == .head)
        parser.append("ngth: 4\r\n\r\nab".utf8)
        #expect(parser.next() == nil)
        #expect(parser.phase == .body)
        parser.append("cdGET".utf8)
        #expect(
            parser.next().map(ParsedOutcome.init) == .request(method: "POST", path: "/", body: "abcd", keepAlive: true))
        #expect(parser.phase == .head)
    }

    @Test("the parsed request carries headers, query and version")
    func requestDetails() throws {
        var parser = HTTPRequestParser(limits: testLimits)
        parser.append(
            "GET /Users?filter=userName+eq+%22b%22&count=2 HTTP/1.0\r\nHost: x\r\nA:  1 \r\na: 2\r\n\r\n".utf8)
        guard case .request(let request, _) = parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(request.version == .http1_0)
        #expect(request.target == "/Users?filter=userName+eq+%22b%22&count=2")
        #expect(request.queryValue("FILTER") == "userName eq \"b\"")
        #expect(request.queryValue("count") == "2")
        #expect(request.headers.values(for: "a") == ["1", "2"])
        #expect(request.headers["host"] == "x")
    }
}
