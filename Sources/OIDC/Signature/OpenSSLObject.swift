/// The single owner of one libcrypto object: it frees the object exactly once, in `deinit`.
///
/// Use the pointer only inside `withPointer`, which keeps the owner alive for the whole call. Not `Sendable`:
/// each owner lives inside one verification.
final class OpenSSLObject<Pointer> {
    private let pointer: Pointer
    private let release: (Pointer) -> Void

    /// Takes ownership of `pointer`; nil when libcrypto returned NULL (nothing to free then).
    init?(_ pointer: Pointer?, release: @escaping (Pointer) -> Void) {
        guard let pointer else { return nil }
        self.pointer = pointer
        self.release = release
    }

    func withPointer<Result>(_ body: (Pointer) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(pointer) }
    }

    deinit {
        release(pointer)
    }
}

/// Owner of an object libcrypto declares as an incomplete struct (`EVP_PKEY`, `BIGNUM`, `EVP_MD_CTX`...).
typealias OpaqueOpenSSLObject = OpenSSLObject<OpaquePointer>
