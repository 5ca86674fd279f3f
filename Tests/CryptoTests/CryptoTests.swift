import Crypto
import Testing

@Suite("Secrets at rest and token encodings")
struct CryptoTests {
    @Test("AES-GCM opens what it sealed, and refuses a changed byte, other associated data or another key")
    func aesGCM() throws {
        let key = try SecureRandom.bytes(count: 32)
        let box = try AESGCM(key: key)
        for plaintext in [[], Array("refresh-token".utf8), try SecureRandom.bytes(count: 1000)] {
            let sealed = try box.seal(plaintext, associatedData: Array("tenant/provider".utf8))
            #expect(try box.open(sealed, associatedData: Array("tenant/provider".utf8)) == plaintext)
            #expect(throws: AESGCM.Failure.self) { try box.open(sealed, associatedData: Array("other".utf8)) }
            var tampered = sealed
            tampered[tampered.count / 2] ^= 1
            #expect(throws: AESGCM.Failure.self) {
                try box.open(tampered, associatedData: Array("tenant/provider".utf8))
            }
            let other = try AESGCM(key: try SecureRandom.bytes(count: 32))
            #expect(throws: AESGCM.Failure.self) {
                try other.open(sealed, associatedData: Array("tenant/provider".utf8))
            }
        }
        #expect(throws: AESGCM.Failure.self) { try AESGCM(key: [1, 2, 3]) }
    }

    @Test("two seals of the same value differ (fresh nonce each time)")
    func freshNonce() throws {
        let box = try AESGCM(key: try SecureRandom.bytes(count: 32))
        #expect(try box.seal(Array("x".utf8)) != box.seal(Array("x".utf8)))
    }

    @Test(
        "SHA-256 and encodings match known values",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ])
    func sha256(input: String, hex: String) {
        #expect(Encoding.hex(Digest.sha256(input)) == hex)
    }

    @Test("base62 keeps every bit and constant-time comparison tells equal from different")
    func base62AndCompare() {
        #expect(Encoding.base62([0x01, 0x00]) == "48")
        #expect(Encoding.base62([0xff]) == "47")
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2], [1, 2, 3]))
    }
}
