/// Byte classes from the HTTP grammar (RFC 9110 §5.6.2, §5.5; RFC 5234 appendix B.1).
enum ASCII {
    static let carriageReturn: UInt8 = 0x0D
    static let lineFeed: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let horizontalTab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let percent: UInt8 = 0x25
    static let plus: UInt8 = 0x2B
    static let slash: UInt8 = 0x2F
    static let questionMark: UInt8 = 0x3F
    static let ampersand: UInt8 = 0x26
    static let equals: UInt8 = 0x3D

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// `tchar` (RFC 9110 §5.6.2): the characters of methods, field names and codings.
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    /// VCHAR: visible ASCII, the only bytes allowed in a request-target.
    static func isVisible(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte)
    }

    /// `field-vchar`, SP or HTAB (RFC 9110 §5.5): obs-text is allowed, every other control is not.
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == horizontalTab || (0x20...0x7E).contains(byte) || byte >= 0x80
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == horizontalTab
    }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    /// True when `bytes` equals the lowercase ASCII `lowercaseText`, ignoring case.
    static func equalsIgnoringCase(_ bytes: some Collection<UInt8>, _ lowercaseText: String) -> Bool {
        bytes.count == lowercaseText.utf8.count && zip(bytes, lowercaseText.utf8).allSatisfy { lowercased($0) == $1 }
    }

    /// `bytes` without leading and trailing SP / HTAB (OWS, RFC 9110 §5.6.3).
    static func trimmingWhitespace<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bytes.SubSequence {
        var result = bytes[...]
        while let first = result.first, isWhitespace(first) { result.removeFirst() }
        while let last = result.last, isWhitespace(last) { result.removeLast() }
        return result
    }
}
