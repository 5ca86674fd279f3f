/// Text encodings for binary secrets and digests.
public enum Encoding {
    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let base62Digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    public static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base62 of a big-endian number: only letters and digits, so a token survives copy and paste and
    /// double-click selection whole.
    public static func base62(_ bytes: [UInt8]) -> String {
        var number = bytes
        var digits = [UInt8]()
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in number.indices {
                let accumulator = remainder * 256 + Int(number[index])
                number[index] = UInt8(accumulator / 62)
                remainder = accumulator % 62
            }
            digits.append(base62Digits[remainder])
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}
