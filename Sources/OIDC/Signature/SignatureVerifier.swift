import CCrypto

/// Checks one JWS signature against one JWK with OpenSSL 3's EVP interface.
///
/// The public key is rebuilt from the JWK's components for each call (`EVP_PKEY_fromdata`); every libcrypto
/// object has one `OpenSSLObject` owner, and every buffer handed to libcrypto stays pinned until the call
/// that reads it has returned. Stateless, so safe from any thread.
enum SignatureVerifier {
    /// True when `signature` over `signingInput` verifies with `key` under `algorithm`. False for any
    /// mismatch, including a key of the wrong type or a signature of the wrong size.
    static func verify(
        algorithm: JWSAlgorithm, key: JWK, signingInput: [UInt8], signature: [UInt8]
    ) -> Bool {
        guard key.canVerify(algorithm) else { return false }
        let encodedSignature: [UInt8]
        switch algorithm {
        case .rs256:
            encodedSignature = signature
        case .es256:
            guard let der = ECDSASignature.der(fromRaw: signature) else { return false }
            encodedSignature = der
        }
        // A failed check leaves entries on this thread's libcrypto error queue; they carry nothing we report.
        defer { ERR_clear_error() }
        guard let publicKey = makePublicKey(key.material) else { return false }
        return digestVerify(publicKey: publicKey, message: signingInput, signature: encodedSignature)
    }

    /// An `EVP_PKEY` holding the public key, or nil when libcrypto refuses the components (for EC this
    /// includes a point that is not on the curve).
    static func makePublicKey(_ material: JWK.Material) -> OpaqueOpenSSLObject? {
        guard let builder = OpenSSLObject(OSSL_PARAM_BLD_new(), release: { OSSL_PARAM_BLD_free($0) }) else {
            return nil
        }
        switch material {
        case .rsa(let modulus, let exponent):
            // OSSL_PARAM_BLD_push_BN keeps the BIGNUM pointers until OSSL_PARAM_BLD_to_param; both owners
            // live to the end of this scope.
            guard let n = bigNumber(modulus), let e = bigNumber(exponent) else { return nil }
            let pushed = builder.withPointer { bld in
                n.withPointer { n in
                    e.withPointer { e in
                        OSSL_PARAM_BLD_push_BN(bld, ccrypto_param_rsa_n(), n) == 1
                            && OSSL_PARAM_BLD_push_BN(bld, ccrypto_param_rsa_e(), e) == 1
                    }
                }
            }
            guard pushed else { return nil }
            return withExtendedLifetime((n, e)) {
                keyFromParameters(builder: builder, keyType: ccrypto_key_type_rsa())
            }
        case .ecP256(let x, let y):
            // SEC 1 §2.3.3 uncompressed point. OSSL_PARAM_BLD_push_octet_string keeps this buffer's address
            // until OSSL_PARAM_BLD_to_param, so the key is built inside the same pinned scope.
            let point: [UInt8] = [0x04] + x + y
            return point.withUnsafeBufferPointer { buffer -> OpaqueOpenSSLObject? in
                let pushed = builder.withPointer { bld in
                    OSSL_PARAM_BLD_push_utf8_string(bld, ccrypto_param_group_name(), ccrypto_group_p256(), 0) == 1
                        && OSSL_PARAM_BLD_push_octet_string(
                            bld, ccrypto_param_public_key(), buffer.baseAddress, buffer.count) == 1
                }
                guard pushed else { return nil }
                guard let key = keyFromParameters(builder: builder, keyType: ccrypto_key_type_ec()) else {
                    return nil
                }
                return publicKeyIsValid(key) ? key : nil
            }
        }
    }

    private static func bigNumber(_ bytes: [UInt8]) -> OpaqueOpenSSLObject? {
        let number = bytes.withUnsafeBufferPointer { buffer in
            BN_bin2bn(buffer.baseAddress, Int32(buffer.count), nil)
        }
        return OpenSSLObject(number, release: { BN_free($0) })
    }

    private static func keyFromParameters(builder: OpaqueOpenSSLObject, keyType: UnsafePointer<CChar>)
        -> OpaqueOpenSSLObject?
    {
        let parameters = OpenSSLObject(
            builder.withPointer { OSSL_PARAM_BLD_to_param($0) }, release: { OSSL_PARAM_free($0) })
        guard let parameters else { return nil }

        let context = OpenSSLObject(
            EVP_PKEY_CTX_new_from_name(nil, keyType, nil), release: { EVP_PKEY_CTX_free($0) })
        guard let context else { return nil }
        var key: OpaquePointer?
        let status = context.withPointer { ctx -> Int32 in
            guard EVP_PKEY_fromdata_init(ctx) == 1 else { return 0 }
            return parameters.withPointer { EVP_PKEY_fromdata(ctx, &key, ccrypto_selection_public_key(), $0) }
        }
        let owner = OpenSSLObject(key, release: { EVP_PKEY_free($0) })
        return status == 1 ? owner : nil
    }

    /// A full public-key check (for EC: the point lies on P-256 and is not the point at infinity).
    private static func publicKeyIsValid(_ key: OpaqueOpenSSLObject) -> Bool {
        key.withPointer { pkey in
            let context = OpenSSLObject(
                EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil), release: { EVP_PKEY_CTX_free($0) })
            return context?.withPointer { EVP_PKEY_public_check($0) == 1 } ?? false
        }
    }

    private static func digestVerify(publicKey: OpaqueOpenSSLObject, message: [UInt8], signature: [UInt8]) -> Bool {
        guard let context = OpenSSLObject(EVP_MD_CTX_new(), release: { EVP_MD_CTX_free($0) }) else {
            return false
        }
        return context.withPointer { ctx in
            publicKey.withPointer { pkey in
                guard EVP_DigestVerifyInit(ctx, nil, EVP_sha256(), nil, pkey) == 1 else { return false }
                return signature.withUnsafeBufferPointer { sig in
                    message.withUnsafeBufferPointer { tbs in
                        EVP_DigestVerify(ctx, sig.baseAddress, sig.count, tbs.baseAddress, tbs.count) == 1
                    }
                }
            }
        }
    }
}
