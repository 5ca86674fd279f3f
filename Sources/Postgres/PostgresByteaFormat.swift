/// `bytea` text format (PostgreSQL manual §8.4): binds are sent in hex (`\x0a1b`); results are read in hex,
/// which connections request with `bytea_output = 'hex'`, or in the older escape format.
enum PostgresByteaFormat {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func format(_ bytes: some Collection<UInt8>) -> String {
        var output = [UInt8](repeating: 0, count: 2 + bytes.count * 2)
        output[0] = UInt8(ascii: "\\")
        output[1] = UInt8(ascii: "x")
        var index = 2
        for byte in bytes {
            output[index] = hexDigits[Int(byte >> 4)]
            output[index + 1] = hexDigits[Int(byte & 0x0f)]
            index += 2
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func parse(_ text: String) throws -> [UInt8] {
        let input = Array(text.utf8)
        if input.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "x")]) {
            return try parseHex(input[2...])
        }
        return try parseEscaped(input)
    }

    private static func parseHex(_ input: ArraySlice<UInt8>) throws -> [UInt8] {
        guard input.count % 2 == 0 else { throw PostgresDecodingFailure(reason: "odd number of hex digits") }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 2)
        var index = input.startIndex
        while index < input.endIndex {
            output.append(try nibble(input[index]) << 4 | nibble(input[index + 1]))
            index += 2
        }
        return output
    }

    private static func parseEscaped(_ input: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            guard input[index] == UInt8(ascii: "\\") else {
                output.append(input[index])
                index += 1
                continue
            }
            if index + 1 < input.count, input[index + 1] == UInt8(ascii: "\\") {
                output.append(UInt8(ascii: "\\"))
                index += 2
                continue
            }
            guard index + 3 < input.count, let value = octal(input[(index + 1)...(index + 3)]) else {
                throw PostgresDecodingFailure(reason: "malformed bytea escape")
            }
            output.append(value)
            index += 4
        }
        return output
    }

    private static func nibble(_ digit: UInt8) throws -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: throw PostgresDecodingFailure(reason: "not a hex digit")
        }
    }

    private static func octal(_ digits: ArraySlice<UInt8>) -> UInt8? {
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(digit) else { return nil }
            value = value * 8 + Int(digit - UInt8(ascii: "0"))
        }
        return value <= 255 ? UInt8(value) : nil
    }
}
