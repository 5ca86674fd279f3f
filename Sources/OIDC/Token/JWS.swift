import SCIM

/// A JWS in compact serialisation (RFC 7515 §7.1), split and decoded but not yet trusted.
public struct JWS: Sendable {
    /// Longest compact token accepted; ID tokens are a few kilobytes at most.
    public static let maximumLength = 64 * 1024

    public let header: JSONValue
    public let payload: [UInt8]
    public let signature: [UInt8]
    /// ASCII(BASE64URL(header) || '.' || BASE64URL(payload)), the bytes the signature covers.
    public let signingInput: [UInt8]

    /// `alg` from the protected header, as sent.
    public var algorithmName: String? { header["alg"]?.stringValue }
    /// `kid` from the protected header, when present.
    public var keyID: String? { header["kid"]?.stringValue }

    /// Splits and decodes `compact`. Throws `malformed` for anything but three base64url parts whose header
    /// is a JSON object (a JWE, with five parts, is refused too).
    public static func parse(_ compact: String) throws -> JWS {
        let bytes = Array(compact.utf8)
        guard bytes.count <= maximumLength else { throw OIDCError(.malformed, detail: "the token is too long") }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw OIDCError(.malformed, detail: "the token does not have three parts") }
        guard let headerBytes = Base64URL.decode(String(decoding: parts[0], as: UTF8.self)),
            let payload = Base64URL.decode(String(decoding: parts[1], as: UTF8.self)),
            let signature = Base64URL.decode(String(decoding: parts[2], as: UTF8.self))
        else {
            throw OIDCError(.malformed, detail: "a token part is not base64url")
        }
        let header: JSONValue
        do {
            header = try JSONValue.parse(headerBytes, maxDepth: 8)
        } catch {
            throw OIDCError(.malformed, detail: "the token header is not JSON")
        }
        guard case .object = header else { throw OIDCError(.malformed, detail: "the token header is not an object") }
        return JWS(
            header: header, payload: payload, signature: signature,
            signingInput: Array(parts[0]) + [UInt8(ascii: ".")] + Array(parts[1]))
    }
}
