/// Splits SQL written with `$n` placeholders into text and bind segments, following PostgreSQL's lexical
/// rules (manual §4.1) far enough to skip what only looks like a placeholder: string constants (with `E''`
/// backslash escapes), quoted identifiers, dollar-quoted strings, comments, and `$` inside identifiers.
enum PostgresPlaceholderScanner {
    struct Result {
        var segments: [PostgresQuery.Segment]
        var problem: String?
    }

    static func scan(_ sql: String, bindCount: Int) -> Result {
        let bytes = Array(sql.utf8)
        var result = Result(segments: [])
        var textStart = 0
        var index = 0

        func flushText(upTo end: Int) {
            if end > textStart {
                result.segments.append(.sql(String(decoding: bytes[textStart..<end], as: UTF8.self)))
            }
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"):
                let escapes =
                    index > 0 && (bytes[index - 1] | 0x20) == UInt8(ascii: "e")
                    && (index < 2 || !isIdentifierByte(bytes[index - 2]))
                index = skipQuoted(bytes, from: index, quote: byte, backslashEscapes: escapes)
            case UInt8(ascii: "\""):
                index = skipQuoted(bytes, from: index, quote: byte, backslashEscapes: false)
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                index = skipBlockComment(bytes, from: index)
            case UInt8(ascii: "$") where index > 0 && isIdentifierByte(bytes[index - 1]):
                index += 1
            case UInt8(ascii: "$"):
                var end = index + 1
                while end < bytes.count && isDigit(bytes[end]) { end += 1 }
                if end > index + 1 {
                    let number = Int(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)) ?? 0
                    flushText(upTo: index)
                    if number >= 1 && number <= bindCount {
                        result.segments.append(.bind(number - 1))
                    } else {
                        result.problem = result.problem ?? "placeholder $\(number) has no bind"
                        result.segments.append(.sql("$\(number)"))
                    }
                    textStart = end
                    index = end
                } else {
                    index = skipDollarQuoted(bytes, from: index)
                }
            default:
                index += 1
            }
        }
        flushText(upTo: bytes.count)
        return result
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte >= 0x80
            || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
    }

    /// Index just past the closing quote; a doubled quote continues the constant.
    private static func skipQuoted(_ bytes: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < bytes.count {
            if backslashEscapes && bytes[index] == UInt8(ascii: "\\") {
                index += 2
            } else if bytes[index] == quote {
                if index + 1 < bytes.count && bytes[index + 1] == quote {
                    index += 2
                } else {
                    return index + 1
                }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    /// Index just past the comment; PostgreSQL block comments nest.
    private static func skipBlockComment(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "/") && bytes[index + 1] == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    /// For `$tag$…$tag$`, the index past the closing tag; otherwise just past the lone `$`.
    private static func skipDollarQuoted(_ bytes: [UInt8], from start: Int) -> Int {
        var tagEnd = start + 1
        while tagEnd < bytes.count && bytes[tagEnd] != UInt8(ascii: "$") {
            guard isIdentifierByte(bytes[tagEnd]), !(tagEnd == start + 1 && isDigit(bytes[tagEnd])) else {
                return start + 1
            }
            tagEnd += 1
        }
        guard tagEnd < bytes.count else { return start + 1 }
        let tag = bytes[start...tagEnd]
        var index = tagEnd + 1
        while index + tag.count <= bytes.count {
            if bytes[index..<(index + tag.count)].elementsEqual(tag) { return index + tag.count }
            index += 1
        }
        return bytes.count
    }
}
