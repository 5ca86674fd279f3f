import HTTPServer
import SCIM

/// The few server-rendered pages of sign-in: an error, the claims of a "discover claims" run, and a signed-in note.
enum SignInPage {
    static func render(status: Int, title: String, paragraphs: [String], preformatted: String? = nil) -> HTTPResponse {
        var body = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body><main><h1>\(escape(title))</h1>
            """
        for paragraph in paragraphs { body += "<p>\(escape(paragraph))</p>" }
        if let preformatted { body += "<pre>\(escape(preformatted))</pre>" }
        body += "</main></body></html>\n"
        return HTTPResponse(
            status: status,
            headers: HTTPHeaders([
                ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
                ("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'"),
                ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
            ]),
            body: Array(body.utf8))
    }

    static func failure(_ failure: SignInFailure, requestID: String) -> HTTPResponse {
        render(status: failure.status, title: failure.title, paragraphs: [failure.message, "Request id: \(requestID)"])
    }

    static func claims(_ claims: JSONValue) -> HTTPResponse {
        render(
            status: 200, title: "Claims from your identity provider",
            paragraphs: [
                "This sign-in only discovered claims; no session was created. Use these names in mapping rules as "
                    + "claims.<name>."
            ],
            preformatted: String(decoding: prettyPrinted(claims), as: UTF8.self))
    }

    private static func prettyPrinted(_ value: JSONValue) -> [UInt8] {
        guard case .object(let members) = value else { return value.serialized() }
        let lines = members.keys.sorted().map { "  \"\($0)\": \(members[$0]!.serializedString)" }
        return Array(("{\n" + lines.joined(separator: ",\n") + "\n}").utf8)
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
