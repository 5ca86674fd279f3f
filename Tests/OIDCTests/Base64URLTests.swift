import OIDC
import Testing

@Suite("Base64URL")
struct Base64URLTests {
    /// RFC 4648 §10 vectors, translated to the URL alphabet without padding.
    @Test(
        "encodes the RFC 4648 vectors without padding",
        arguments: [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ])
    func rfcVectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(plain) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test("uses - and _ where standard base64 uses + and /")
    func urlAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
    }

    @Test("round-trips every length up to 64 bytes")
    func roundTrip() {
        for length in 0...64 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }

    @Test(
        "refuses padding, foreign characters, impossible lengths and non-zero trailing bits",
        arguments: ["Zg==", "Zm9v+g", "Zm9v/g", "Zm 9v", "Z", "Zm9vY", "Zh", "Zm9", "Zm9vYmF="])
    func rejects(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
