import Foundation

/// An RFC 9865 cursor: the position after the last resource of a page in the stable default order
/// (`created_at`, `id`). Opaque to clients; a forged cursor only moves within the caller's own tenant.
public struct ResourceCursor: Sendable, Equatable {
    /// Microseconds since the Unix epoch, PostgreSQL's own precision, so the position is exact.
    public let createdMicroseconds: Int64
    public let id: UUID

    public init(createdMicroseconds: Int64, id: UUID) {
        self.createdMicroseconds = createdMicroseconds
        self.id = id
    }

    /// Parses a token this type produced; nil for anything else.
    public init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard token.count <= 128, let data = Data(base64Encoded: base64),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "c1", let micros = Int64(parts[1]),
            let id = UUID(uuidString: String(parts[2]))
        else { return nil }
        self.init(createdMicroseconds: micros, id: id)
    }

    public var token: String {
        Data("c1:\(createdMicroseconds):\(id.uuidString.lowercased())".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
