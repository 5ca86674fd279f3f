/// ES256 signatures travel as the fixed-width concatenation r || s (RFC 7518 §3.4); libcrypto's
/// `EVP_DigestVerify` expects the DER `ECDSA-Sig-Value` SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3).
enum ECDSASignature {
    /// DER for a raw P-256 signature, or nil when it is not 64 bytes or either half is zero.
    static func der(fromRaw raw: [UInt8], componentLength: Int = 32) -> [UInt8]? {
        guard raw.count == componentLength * 2 else { return nil }
        let r = integer(Array(raw[..<componentLength]))
        let s = integer(Array(raw[componentLength...]))
        guard let r, let s else { return nil }
        let body = r + s
        return [0x30] + length(body.count) + body
    }

    /// A DER INTEGER holding the unsigned big-endian `bytes`: minimal length, with a zero byte in front
    /// when the top bit is set so the value stays positive (X.690 §8.3).
    private static func integer(_ bytes: [UInt8]) -> [UInt8]? {
        var magnitude = Array(bytes.drop(while: { $0 == 0 }))
        guard !magnitude.isEmpty else { return nil }
        if magnitude[0] & 0x80 != 0 { magnitude.insert(0, at: 0) }
        return [0x02] + length(magnitude.count) + magnitude
    }

    /// Short form below 128, long form with one length byte otherwise (P-256 bodies stay under 256).
    private static func length(_ count: Int) -> [UInt8] {
        count < 0x80 ? [UInt8(count)] : [0x81, UInt8(count)]
    }
}
