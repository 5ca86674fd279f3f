import CCrypto

/// Cryptographically secure random bytes from libcrypto's DRBG.
public enum SecureRandom {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String { "The system random number generator failed." }
    }

    public static func bytes(count: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        let status = output.withUnsafeMutableBufferPointer { buffer in
            RAND_bytes(buffer.baseAddress, Int32(buffer.count))
        }
        guard status == 1 else { throw Failure() }
        return output
    }
}
