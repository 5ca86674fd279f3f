import CCrypto
import OIDC
import SCIM

/// A private key generated in the test process with OpenSSL, used to sign tokens the code under test
/// verifies.
///
/// `@unchecked Sendable`: the `EVP_PKEY` is never modified after generation, and OpenSSL 3 allows
/// concurrent signing with one key as long as each signature uses its own `EVP_MD_CTX`, which `sign` does.
final class TestSigningKey: @unchecked Sendable {
    enum Kind: Sendable {
        case rsa2048
        case p256
    }

    let kind: Kind
    private let key: OpaquePointer

    static let rsa = TestSigningKey(.rsa2048)
    static let otherRSA = TestSigningKey(.rsa2048)
    static let ec = TestSigningKey(.p256)
    static let otherEC = TestSigningKey(.p256)

    init(_ kind: Kind) {
        self.kind = kind
        let context: OpaquePointer
        switch kind {
        case .rsa2048:
            context = EVP_PKEY_CTX_new_from_name(nil, ccrypto_key_type_rsa(), nil)!
            precondition(EVP_PKEY_keygen_init(context) == 1)
            precondition(EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048) == 1)
        case .p256:
            context = EVP_PKEY_CTX_new_from_name(nil, ccrypto_key_type_ec(), nil)!
            precondition(EVP_PKEY_keygen_init(context) == 1)
            precondition(EVP_PKEY_CTX_set_group_name(context, ccrypto_group_p256()) == 1)
        }
        defer { EVP_PKEY_CTX_free(context) }
        var generated: OpaquePointer?
        precondition(EVP_PKEY_generate(context, &generated) == 1)
        self.key = generated!
    }

    deinit {
        EVP_PKEY_free(key)
    }

    var algorithm: JWSAlgorithm { kind == .rsa2048 ? .rs256 : .es256 }

    /// The public half as a JWK object, as a provider would publish it.
    func publicJWK(kid: String?, extra: [String: JSONValue] = [:]) -> JSONValue {
        var members: [String: JSONValue] = extra
        switch kind {
        case .rsa2048:
            members["kty"] = "RSA"
            members["n"] = .string(Base64URL.encode(bigNumberParameter(ccrypto_param_rsa_n())))
            members["e"] = .string(Base64URL.encode(bigNumberParameter(ccrypto_param_rsa_e())))
        case .p256:
            let point = uncompressedPoint()
            members["kty"] = "EC"
            members["crv"] = "P-256"
            members["x"] = .string(Base64URL.encode(Array(point[1...32])))
            members["y"] = .string(Base64URL.encode(Array(point[33...64])))
        }
        if let kid { members["kid"] = .string(kid) }
        return .object(members)
    }

    /// A JWS signature over `message`: PKCS#1 v1.5 for RSA, raw r || s (32 bytes each) for P-256.
    func sign(_ message: [UInt8]) -> [UInt8] {
        let context = EVP_MD_CTX_new()!
        defer { EVP_MD_CTX_free(context) }
        precondition(EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1)
        var length = 0
        message.withUnsafeBufferPointer { input in
            precondition(EVP_DigestSign(context, nil, &length, input.baseAddress, input.count) == 1)
        }
        var signature = [UInt8](repeating: 0, count: length)
        signature.withUnsafeMutableBufferPointer { output in
            message.withUnsafeBufferPointer { input in
                precondition(
                    EVP_DigestSign(context, output.baseAddress, &length, input.baseAddress, input.count) == 1)
            }
        }
        signature.removeLast(signature.count - length)
        return kind == .rsa2048 ? signature : Self.rawSignature(fromDER: signature)
    }

    /// Converts OpenSSL's DER ECDSA signature to JWS form independently of the code under test.
    private static func rawSignature(fromDER der: [UInt8]) -> [UInt8] {
        der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            let signature = d2i_ECDSA_SIG(nil, &cursor, buffer.count)!
            defer { ECDSA_SIG_free(signature) }
            var r: OpaquePointer?
            var s: OpaquePointer?
            ECDSA_SIG_get0(signature, &r, &s)
            var raw = [UInt8](repeating: 0, count: 64)
            raw.withUnsafeMutableBufferPointer { out in
                precondition(BN_bn2binpad(r, out.baseAddress, 32) == 32)
                precondition(BN_bn2binpad(s, out.baseAddress! + 32, 32) == 32)
            }
            return raw
        }
    }

    private func bigNumberParameter(_ name: UnsafePointer<CChar>) -> [UInt8] {
        var number: OpaquePointer?
        precondition(EVP_PKEY_get_bn_param(key, name, &number) == 1)
        defer { BN_free(number) }
        var bytes = [UInt8](repeating: 0, count: (Int(BN_num_bits(number)) + 7) / 8)
        bytes.withUnsafeMutableBufferPointer { _ = BN_bn2bin(number, $0.baseAddress) }
        return bytes
    }

    private func uncompressedPoint() -> [UInt8] {
        var point = [UInt8](repeating: 0, count: 65)
        var length = 0
        point.withUnsafeMutableBufferPointer { buffer in
            precondition(
                EVP_PKEY_get_octet_string_param(
                    key, ccrypto_param_public_key(), buffer.baseAddress, buffer.count, &length) == 1)
        }
        precondition(length == 65 && point[0] == 0x04)
        return point
    }
}
