import CCrypto

/// Owns one `EVP_CIPHER_CTX` and frees it exactly once.
final class CipherContext {
    let pointer: OpaquePointer

    init() throws {
        guard let pointer = EVP_CIPHER_CTX_new() else { throw AESGCM.Failure(description: "No cipher context.") }
        self.pointer = pointer
    }

    deinit { EVP_CIPHER_CTX_free(pointer) }
}
