/// A forward-only reader over UTF-8 bytes, for the ASCII text formats the server writes (timestamps).
struct TextCursor {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { index == bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func advance() {
        index += 1
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws {
        guard consume(byte) else { throw PostgresDecodingFailure(reason: "unexpected character") }
    }

    mutating func integer(minDigits: Int, maxDigits: Int = 9) throws -> Int {
        var value = 0
        var count = 0
        while count < maxDigits, let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            count += 1
            index += 1
        }
        guard count >= minDigits else { throw PostgresDecodingFailure(reason: "expected digits") }
        return value
    }

    /// Reads a decimal fraction's digits and scales it to `digits` places, rounding any extra digits down.
    mutating func fraction(digits: Int) throws -> Int {
        var value = 0
        var count = 0
        while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            if count < digits { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
            count += 1
            index += 1
        }
        guard count > 0 else { throw PostgresDecodingFailure(reason: "expected digits") }
        for _ in count..<max(count, digits) { value *= 10 }
        return value
    }
}
