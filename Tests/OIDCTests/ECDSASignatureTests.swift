import Testing

@testable import OIDC

@Suite("ES256 signature conversion to DER")
struct ECDSASignatureTests {
    private static func raw(r: [UInt8], s: [UInt8]) -> [UInt8] {
        [UInt8](repeating: 0, count: 32 - r.count) + r + [UInt8](repeating: 0, count: 32 - s.count) + s
    }

    @Test("encodes small positive halves minimally")
    func small() {
        let der = ECDSASignature.der(fromRaw: Self.raw(r: [0x01], s: [0x7F]))
        #expect(der == [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x7F])
    }

    @Test("prefixes a zero byte when the top bit is set, keeping the integer positive")
    func highBit() {
        let r = [UInt8](repeating: 0xFF, count: 32)
        let s = [UInt8](repeating: 0x80, count: 32)
        let der = ECDSASignature.der(fromRaw: r + s)
        let expected: [UInt8] = [0x30, 0x46, 0x02, 0x21, 0x00] + r + [0x02, 0x21, 0x00] + s
        #expect(der == expected)
    }

    @Test("uses the long length form when the sequence exceeds 127 bytes")
    func longForm() {
        let half = [UInt8](repeating: 0xFF, count: 64)
        let der = ECDSASignature.der(fromRaw: half + half, componentLength: 64)
        #expect(der?.prefix(3) == [0x30, 0x81, 0x86])
    }

    @Test(
        "refuses a wrong length or a zero half",
        arguments: [
            [UInt8](repeating: 1, count: 63), [UInt8](repeating: 1, count: 65), [],
            [UInt8](repeating: 0, count: 32) + [UInt8](repeating: 1, count: 32),
            [UInt8](repeating: 1, count: 32) + [UInt8](repeating: 0, count: 32),
        ])
    func refused(raw: [UInt8]) {
        #expect(ECDSASignature.der(fromRaw: raw) == nil)
    }

    @Test("refuses to build an EC key from a point that is not on P-256")
    func offCurve() throws {
        let jwk = TestSigningKey.ec.publicJWK(kid: nil)
        guard case .ecP256(let x, var y) = try #require(try JWK.parse(jwk)).material else {
            Issue.record("the test key is not P-256")
            return
        }
        #expect(SignatureVerifier.makePublicKey(.ecP256(x: x, y: y)) != nil)
        y[31] ^= 0x01
        #expect(SignatureVerifier.makePublicKey(.ecP256(x: x, y: y)) == nil)
    }
}
