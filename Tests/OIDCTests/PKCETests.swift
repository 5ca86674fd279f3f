import OIDC
import Testing

@Suite("PKCE, state and nonce")
struct PKCETests {
    @Test("derives the RFC 7636 Appendix B verifier from its octets and the challenge from the verifier")
    func appendixB() throws {
        let octets: [UInt8] = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214,
            191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ]
        #expect(Base64URL.encode(octets) == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        let pkce = try PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        #expect(pkce.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(PKCE.method == "S256")
    }

    @Test("generates verifiers of the requested length from the unreserved alphabet", arguments: [43, 64, 128])
    func generated(length: Int) throws {
        let pkce = try PKCE.generate(length: length)
        #expect(pkce.verifier.utf8.count == length)
        #expect(pkce.verifier.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(pkce.challenge == PKCE.challenge(for: pkce.verifier))
        #expect(pkce.challenge.utf8.count == 43)
    }

    @Test("never repeats a generated verifier")
    func unique() throws {
        let verifiers = try (0..<50).map { _ in try PKCE.generate().verifier }
        #expect(Set(verifiers).count == verifiers.count)
    }

    @Test(
        "refuses verifiers that are too short, too long or outside the alphabet",
        arguments: [
            String(repeating: "a", count: 42), String(repeating: "a", count: 129),
            String(repeating: "a", count: 42) + "+", String(repeating: "a", count: 42) + "é",
        ])
    func refused(verifier: String) {
        #expect(throws: OIDCError.self) { try PKCE(verifier: verifier) }
    }

    @Test("refuses to generate outside 43...128", arguments: [0, 42, 129])
    func refusedLength(length: Int) {
        #expect(throws: OIDCError.self) { try PKCE.generate(length: length) }
    }

    @Test("makes 43-character base64url state and nonce values that differ each time")
    func stateAndNonce() throws {
        let values = try (0..<20).flatMap { _ in [try RandomValue.state(), try RandomValue.nonce()] }
        #expect(Set(values).count == values.count)
        for value in values {
            #expect(value.utf8.count == 43)
            #expect(Base64URL.decode(value)?.count == 32)
        }
    }
}
