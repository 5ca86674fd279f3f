import CCrypto

/// AES-256-GCM for secrets at rest (OIDC client secrets, refresh tokens).
///
/// The sealed form is `nonce (12) || ciphertext || tag (16)`; `associatedData` binds a value to its row (for
/// example the tenant and provider ids) so a ciphertext copied into another row does not open.
public struct AESGCM: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static let keyLength = 32
    static let nonceLength = 12
    static let tagLength = 16

    private let key: [UInt8]

    public init(key: [UInt8]) throws {
        guard key.count == Self.keyLength else { throw Failure(description: "An AES-256 key has 32 bytes.") }
        self.key = key
    }

    public func seal(_ plaintext: [UInt8], associatedData: [UInt8] = []) throws -> [UInt8] {
        let nonce = try SecureRandom.bytes(count: Self.nonceLength)
        let context = try CipherContext()
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var tag = [UInt8](repeating: 0, count: Self.tagLength)
        var written: Int32 = 0
        var total = 0
        try key.withUnsafeBufferPointer { key in
            try nonce.withUnsafeBufferPointer { nonce in
                try check(EVP_EncryptInit_ex(context.pointer, EVP_aes_256_gcm(), nil, nil, nil), "init")
                try check(
                    EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_SET_IVLEN, Int32(Self.nonceLength), nil), "ivlen")
                try check(EVP_EncryptInit_ex(context.pointer, nil, nil, key.baseAddress, nonce.baseAddress), "key")
            }
        }
        if !associatedData.isEmpty {
            try associatedData.withUnsafeBufferPointer { aad in
                try check(
                    EVP_EncryptUpdate(context.pointer, nil, &written, aad.baseAddress, Int32(aad.count)), "aad")
            }
        }
        try plaintext.withUnsafeBufferPointer { input in
            try ciphertext.withUnsafeMutableBufferPointer { output in
                try check(
                    EVP_EncryptUpdate(
                        context.pointer, output.baseAddress, &written, input.baseAddress, Int32(input.count)),
                    "update")
                total = Int(written)
                try check(EVP_EncryptFinal_ex(context.pointer, output.baseAddress! + total, &written), "final")
                total += Int(written)
            }
        }
        try tag.withUnsafeMutableBufferPointer { tag in
            try check(
                EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_GET_TAG, Int32(Self.tagLength), tag.baseAddress),
                "tag")
        }
        return nonce + ciphertext.prefix(total) + tag
    }

    public func open(_ sealed: [UInt8], associatedData: [UInt8] = []) throws -> [UInt8] {
        guard sealed.count >= Self.nonceLength + Self.tagLength else {
            throw Failure(description: "The sealed value is too short.")
        }
        let nonce = Array(sealed.prefix(Self.nonceLength))
        let tag = Array(sealed.suffix(Self.tagLength))
        let ciphertext = Array(sealed.dropFirst(Self.nonceLength).dropLast(Self.tagLength))
        let context = try CipherContext()
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var written: Int32 = 0
        var total = 0
        try key.withUnsafeBufferPointer { key in
            try nonce.withUnsafeBufferPointer { nonce in
                try check(EVP_DecryptInit_ex(context.pointer, EVP_aes_256_gcm(), nil, nil, nil), "init")
                try check(
                    EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_SET_IVLEN, Int32(Self.nonceLength), nil), "ivlen")
                try check(EVP_DecryptInit_ex(context.pointer, nil, nil, key.baseAddress, nonce.baseAddress), "key")
            }
        }
        if !associatedData.isEmpty {
            try associatedData.withUnsafeBufferPointer { aad in
                try check(
                    EVP_DecryptUpdate(context.pointer, nil, &written, aad.baseAddress, Int32(aad.count)), "aad")
            }
        }
        try ciphertext.withUnsafeBufferPointer { input in
            try plaintext.withUnsafeMutableBufferPointer { output in
                try check(
                    EVP_DecryptUpdate(
                        context.pointer, output.baseAddress, &written, input.baseAddress, Int32(input.count)),
                    "update")
                total = Int(written)
            }
        }
        var expectedTag = tag
        try expectedTag.withUnsafeMutableBufferPointer { tag in
            try check(
                EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_SET_TAG, Int32(Self.tagLength), tag.baseAddress),
                "tag")
        }
        let verified = plaintext.withUnsafeMutableBufferPointer { output in
            EVP_DecryptFinal_ex(context.pointer, output.baseAddress! + total, &written)
        }
        guard verified == 1 else { throw Failure(description: "The sealed value does not open with this key.") }
        return Array(plaintext.prefix(total + Int(written)))
    }

    private func check(_ status: Int32, _ step: String) throws {
        guard status == 1 else { throw Failure(description: "AES-GCM \(step) failed.") }
    }
}
