/// The decoded parts of a request-target (RFC 9112 §3.2).
///
/// Accepts origin-form ("/a?b"), absolute-form ("http://host/a?b", which RFC 9112 §3.2.2 says a
/// server MUST accept) and asterisk-form ("*"). A path with a malformed escape, an escaped NUL or
/// bytes that are not UTF-8 is refused, because routes match on the decoded path. In the query a
/// malformed escape is kept as sent, the way most URL libraries treat it.
struct RequestTarget: Sendable {
    var path: String
    var query: [(name: String, value: String)]

    init?(_ target: String) {
        if target == "*" {
            path = "*"
            query = []
            return
        }
        let bytes = Array(target.utf8)
        guard let pathStart = Self.pathStart(in: bytes) else { return nil }
        let queryStart = bytes[pathStart...].firstIndex(of: ASCII.questionMark) ?? bytes.endIndex
        let rawPath = bytes[pathStart..<queryStart]
        guard let decodedPath = Self.decodePath(rawPath.isEmpty ? [ASCII.slash][...] : rawPath) else { return nil }
        path = decodedPath
        query = queryStart < bytes.endIndex ? Self.decodeQuery(bytes[(queryStart + 1)...]) : []
    }

    /// The path part of `target` without decoding, for requests built by hand.
    static func rawPath(of target: String) -> String {
        String(target.prefix { $0 != "?" })
    }

    private static func pathStart(in bytes: [UInt8]) -> Int? {
        if bytes.first == ASCII.slash { return 0 }
        guard let schemeEnd = Self.schemeSeparator(in: bytes) else { return nil }
        let authorityStart = schemeEnd + 3
        let rest = bytes[authorityStart...]
        return rest.firstIndex { $0 == ASCII.slash || $0 == ASCII.questionMark } ?? bytes.endIndex
    }

    /// Index of "://" after an "http" or "https" scheme, the only absolute forms a server sees.
    private static func schemeSeparator(in bytes: [UInt8]) -> Int? {
        for scheme in ["http", "https"] {
            let length = scheme.utf8.count
            guard bytes.count > length + 3, ASCII.equalsIgnoringCase(bytes[0..<length], scheme) else { continue }
            if bytes[length..<(length + 3)].elementsEqual("://".utf8) { return length }
        }
        return nil
    }

    private static func decodePath(_ raw: ArraySlice<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == ASCII.percent {
                guard index + 2 < raw.endIndex, let high = ASCII.hexValue(raw[index + 1]),
                    let low = ASCII.hexValue(raw[index + 2])
                else { return nil }
                let decoded = UInt8(high << 4 | low)
                guard decoded != 0 else { return nil }
                output.append(decoded)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    private static func decodeQuery(_ raw: ArraySlice<UInt8>) -> [(name: String, value: String)] {
        raw.split(separator: ASCII.ampersand, omittingEmptySubsequences: true).map { pair in
            guard let equals = pair.firstIndex(of: ASCII.equals) else {
                return (name: decodeQueryComponent(pair), value: "")
            }
            return (name: decodeQueryComponent(pair[..<equals]), value: decodeQueryComponent(pair[(equals + 1)...]))
        }
    }

    /// application/x-www-form-urlencoded decoding: "+" is a space, "%XX" a byte.
    private static func decodeQueryComponent(_ raw: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == ASCII.plus {
                output.append(ASCII.space)
            } else if byte == ASCII.percent, index + 2 < raw.endIndex,
                let high = ASCII.hexValue(raw[index + 1]), let low = ASCII.hexValue(raw[index + 2])
            {
                output.append(UInt8(high << 4 | low))
                index += 3
                continue
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
