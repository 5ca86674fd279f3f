extension HTTPResponse {
    /// How the response is framed on the wire, decided by the connection, not the handler.
    struct Framing: Sendable {
        /// The request was HEAD: send the head only, with the length the body would have had.
        var omitsBody: Bool
        /// The connection closes after this response: send `Connection: close`.
        var closesConnection: Bool
        /// An HTTP/1.0 client asked to keep the connection: say `Connection: keep-alive`.
        var confirmsKeepAlive: Bool
    }

    /// Whether the handler asked for the connection to close after this response.
    var requestsClose: Bool {
        headers.values(for: "Connection").contains { value in
            value.split(separator: ",").contains {
                ASCII.equalsIgnoringCase(ASCII.trimmingWhitespace($0.utf8), "close")
            }
        }
    }

    /// The status line, headers and body as bytes (RFC 9112 §4, §6).
    ///
    /// The server always answers as HTTP/1.1 (RFC 9110 §6.2). A status outside 200...599 is sent
    /// as 500, because a 1xx in place of a final response would desynchronise the client. Header
    /// fields with an invalid name or a control character in the value are dropped, so a handler
    /// that copies user input into a header cannot split the response.
    func serialized(_ framing: Framing, date: String) -> [UInt8] {
        let status = (200...599).contains(status) ? status : 500
        let allowsBody = status != 204 && status != 304  // RFC 9110 §6.4.1, §8.6
        var head = "HTTP/1.1 \(status) \(Self.reasonPhrase(for: status))\r\n"
        for (name, value) in headers where Self.isSendable(name: name, value: value) {
            if ASCII.equalsIgnoringCase(name.utf8, "content-length")
                || ASCII.equalsIgnoringCase(name.utf8, "transfer-encoding")
                || ASCII.equalsIgnoringCase(name.utf8, "connection")
            {
                continue
            }
            head += "\(name): \(value)\r\n"
        }
        if !headers.contains(name: "Date") { head += "Date: \(date)\r\n" }
        if allowsBody { head += "Content-Length: \(body.count)\r\n" }
        if framing.closesConnection {
            head += "Connection: close\r\n"
        } else if framing.confirmsKeepAlive {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"

        var bytes = Array(head.utf8)
        if allowsBody, !framing.omitsBody {
            bytes.append(contentsOf: body)
        }
        return bytes
    }

    private static func isSendable(name: String, value: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(ASCII.isTokenCharacter) && value.utf8.allSatisfy(ASCII.isFieldValueByte)
    }
}
