import SCIM

/// One public verification key from a JWK Set (RFC 7517), reduced to what RS256 and ES256 need.
///
/// Values only: the OpenSSL key is built from these bytes for each verification, so a `JWK` is freely
/// shared across threads.
public struct JWK: Sendable, Hashable {
    public enum Material: Sendable, Hashable {
        /// Big-endian modulus and public exponent without leading zero bytes (RFC 7518 §6.3.1).
        case rsa(modulus: [UInt8], exponent: [UInt8])
        /// The affine coordinates of a P-256 point, 32 bytes each (RFC 7518 §6.2.1).
        case ecP256(x: [UInt8], y: [UInt8])
    }

    /// Smallest and largest RSA modulus accepted, in bits. The upper bound keeps a hostile JWKS from making
    /// each verification expensive.
    public static let rsaModulusBits = 2048...8192

    public let keyID: String?
    /// The `alg` member: when present the key is used for that algorithm only (RFC 7517 §4.4).
    public let algorithm: String?
    public let material: Material

    public init(keyID: String?, algorithm: String? = nil, material: Material) {
        self.keyID = keyID
        self.algorithm = algorithm
        self.material = material
    }

    /// True when this key may check a signature made with `jwsAlgorithm`.
    public func canVerify(_ jwsAlgorithm: JWSAlgorithm) -> Bool {
        if let algorithm, algorithm != jwsAlgorithm.rawValue { return false }
        switch (material, jwsAlgorithm) {
        case (.rsa, .rs256), (.ecP256, .es256): return true
        default: return false
        }
    }

    /// Reads one JWK object. Returns nil for keys this gateway does not use (other key types or curves,
    /// encryption keys, RSA moduli outside `rsaModulusBits`); throws `malformed` when a supported key has
    /// broken members.
    public static func parse(_ value: JSONValue) throws -> JWK? {
        guard case .object = value, let keyType = value["kty"]?.stringValue else {
            throw OIDCError(.malformed, detail: "a JWK has no kty")
        }
        if let use = value["use"]?.stringValue, use != "sig" { return nil }
        if let operations = value["key_ops"]?.arrayValue,
            !operations.contains(where: { $0.stringValue == "verify" })
        {
            return nil
        }
        let keyID = value["kid"]?.stringValue
        let algorithm = value["alg"]?.stringValue
        switch keyType {
        case "RSA":
            let modulus = stripLeadingZeros(try member("n", of: value))
            let exponent = stripLeadingZeros(try member("e", of: value))
            let bits = bitLength(modulus)
            guard rsaModulusBits.contains(bits) else { return nil }
            guard !exponent.isEmpty, exponent.count <= 8, exponent.last! & 1 == 1, exponent != [1] else {
                throw OIDCError(.malformed, detail: "an RSA JWK has an invalid exponent")
            }
            return JWK(keyID: keyID, algorithm: algorithm, material: .rsa(modulus: modulus, exponent: exponent))
        case "EC":
            guard value["crv"]?.stringValue == "P-256" else { return nil }
            let x = try member("x", of: value)
            let y = try member("y", of: value)
            guard x.count == 32, y.count == 32 else {
                throw OIDCError(.malformed, detail: "a P-256 JWK coordinate is not 32 bytes")
            }
            return JWK(keyID: keyID, algorithm: algorithm, material: .ecP256(x: x, y: y))
        default:
            return nil
        }
    }

    private static func member(_ name: String, of value: JSONValue) throws -> [UInt8] {
        guard let text = value[name]?.stringValue, let bytes = Base64URL.decode(text), !bytes.isEmpty else {
            throw OIDCError(.malformed, detail: "a JWK member \(name) is missing or not base64url")
        }
        return bytes
    }

    /// RFC 7518 §6.3.1.1 forbids a leading zero byte in `n`, but encoders that serialise a signed big integer
    /// add one; it changes nothing about the number, so it is dropped rather than refused.
    private static func stripLeadingZeros(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.drop(while: { $0 == 0 }))
    }

    private static func bitLength(_ bytes: [UInt8]) -> Int {
        guard let first = bytes.first else { return 0 }
        return (bytes.count - 1) * 8 + (8 - first.leadingZeroBitCount)
    }
}
