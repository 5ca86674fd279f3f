import Testing

@testable import HTTPServer

@Suite("Headers, targets and response framing")
struct ModelTests {
    @Test("header lookup ignores case and keeps order and repeats")
    func headerLookup() {
        var headers = HTTPHeaders([("Content-Type", "a"), ("X-Tag", "1"), ("x-tag", "2")])
        #expect(headers["content-type"] == "a")
        #expect(headers["CONTENT-TYPE"] == "a")
        #expect(headers["missing"] == nil)
        #expect(headers.values(for: "X-TAG") == ["1", "2"])
        headers.add(name: "X-Tag", value: "3")
        #expect(headers.values(for: "x-tag") == ["1", "2", "3"])
        headers.replaceOrAdd(name: "x-TAG", value: "only")
        #expect(headers.values(for: "X-Tag") == ["only"])
        #expect(headers.map(\.name) == ["Content-Type", "X-Tag"])
        headers.replaceOrAdd(name: "ETag", value: "W/\"1\"")
        #expect(headers["etag"] == "W/\"1\"")
        headers.remove(name: "content-type")
        #expect(headers.count == 2)
    }

    @Test(
        "request targets decode into path and query",
        arguments: [
            ("/scim/v2/Users", "/scim/v2/Users", [(String, String)]()),
            ("/a%2Fb?x=1&y=&z", "/a/b", [("x", "1"), ("y", ""), ("z", "")]),
            ("/?filter=displayName+eq+%22Ops+%26+Dev%22", "/", [("filter", "displayName eq \"Ops & Dev\"")]),
            ("/?a=%zz&&b=%41", "/", [("a", "%zz"), ("b", "A")]),
            ("https://h.example:8443?q=1", "/", [("q", "1")]),
            ("*", "*", []),
        ])
    func targets(target: String, path: String, query: [(String, String)]) throws {
        let decoded = try #require(RequestTarget(target))
        #expect(decoded.path == path)
        #expect(decoded.query.map(\.name) == query.map(\.0))
        #expect(decoded.query.map(\.value) == query.map(\.1))
    }

    @Test("a hand-built request decodes its target like a parsed one")
    func handBuiltRequest() {
        let request = HTTPRequest(method: "GET", target: "/Users?startIndex=1&Count=10")
        #expect(request.path == "/Users")
        #expect(request.queryValue("count") == "10")
        #expect(request.remoteAddress == "127.0.0.1")
    }

    func serialize(_ response: HTTPResponse, head: Bool = false, close: Bool = false, keepAlive10: Bool = false)
        -> String
    {
        let framing = HTTPResponse.Framing(omitsBody: head, closesConnection: close, confirmsKeepAlive: keepAlive10)
        return String(decoding: response.serialized(framing, date: "Sun, 06 Nov 1994 08:49:37 GMT"), as: UTF8.self)
    }

    @Test("a response carries its reason phrase, Date and Content-Length")
    func framing() {
        let response = HTTPResponse(
            status: 201, headers: ["Content-Type": "application/scim+json"], body: Array("{}".utf8))
        #expect(
            serialize(response)
                == "HTTP/1.1 201 Created\r\nContent-Type: application/scim+json\r\n"
                + "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 2\r\n\r\n{}")
    }

    @Test("the server, not the handler, decides Content-Length and Connection")
    func serverOwnsFraming() {
        let response = HTTPResponse(
            status: 200,
            headers: ["Content-Length": "999", "Transfer-Encoding": "chunked", "Connection": "keep-alive"],
            body: Array("abc".utf8))
        let text = serialize(response, close: true)
        #expect(text.hasSuffix("Content-Length: 3\r\nConnection: close\r\n\r\nabc"))
        #expect(!text.contains("999"))
        #expect(!text.contains("chunked"))
        #expect(serialize(HTTPResponse(status: 200), keepAlive10: true).contains("Connection: keep-alive\r\n"))
    }

    @Test("HEAD gets the length without the body; 204 and 304 get neither")
    func bodilessResponses() {
        let response = HTTPResponse(status: 200, body: Array("hello".utf8))
        #expect(serialize(response, head: true).hasSuffix("Content-Length: 5\r\n\r\n"))
        let noContent = serialize(HTTPResponse(status: 204, body: Array("x".utf8)))
        #expect(noContent.hasPrefix("HTTP/1.1 204 No Content\r\n"))
        #expect(!noContent.contains("Content-Length"))
        #expect(noContent.hasSuffix("\r\n\r\n"))
        #expect(!serialize(HTTPResponse(status: 304)).contains("Content-Length"))
    }

    @Test("header fields that would split the response are dropped")
    func responseSplitting() {
        let response = HTTPResponse(
            status: 200,
            headers: HTTPHeaders([("Location", "/a\r\nSet-Cookie: evil=1"), ("Bad Name", "x"), ("X-Ok", "fine")]))
        let text = serialize(response)
        #expect(!text.contains("evil"))
        #expect(!text.contains("Bad Name"))
        #expect(text.contains("X-Ok: fine\r\n"))
    }

    @Test("a status outside 200...599 is sent as 500")
    func invalidStatus() {
        #expect(serialize(HTTPResponse(status: 100)).hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
        #expect(serialize(HTTPResponse(status: 299)).hasPrefix("HTTP/1.1 299 \r\n"))
    }

    @Test("a Date header set by the handler is kept")
    func handlerDate() {
        let text = serialize(HTTPResponse(status: 200, headers: ["Date": "Mon, 01 Jan 2024 00:00:00 GMT"]))
        #expect(
            text.split(separator: "\r\n").filter { $0.hasPrefix("Date:") } == ["Date: Mon, 01 Jan 2024 00:00:00 GMT"])
    }

    @Test("dates use the IMF-fixdate format")
    func imfFixdate() {
        #expect(HTTPDate.string(for: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.string(for: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    @Test(
        "each server failure maps to its status",
        arguments: [
            (HTTPServerFailure.badRequest, 400), (.headersTooLarge, 431), (.uriTooLong, 414), (.bodyTooLarge, 413),
            (.requestTimeout, 408), (.unsupportedTransferEncoding, 501), (.serviceUnavailable, 503),
        ])
    func failureStatus(failure: HTTPServerFailure, status: Int) {
        #expect(failure.status == status)
        #expect(!HTTPResponse.reasonPhrase(for: status).isEmpty)
    }
}
