import Foundation

/// An opaque keyset position in an admin list: the sort key of the last item of a page.
///
/// Clients get it as `next_cursor` and send it back unchanged; it is base64url text of the key's parts. A forged
/// cursor can only move within the caller's own tenant, since every query is scoped to it.
public struct AdminCursor: Sendable, Equatable {
    public let parts: [String]

    public init(_ parts: [String]) {
        self.parts = parts
    }

    /// Parses a token this type produced; nil for anything else. Each list checks the parts it expects.
    public init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard token.count <= 1024, let data = Data(base64Encoded: base64),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "a1" else { return nil }
        self.parts = Array(parts.dropFirst())
    }

    public var token: String {
        Data((["a1"] + parts).joined(separator: "\u{1F}").utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The parts, checked to be `count` of them; a cursor from another list is refused.
    func parts(_ count: Int) throws -> [String] {
        guard parts.count == count else { throw Self.invalid }
        return parts
    }

    /// The part at `index` as an id.
    func uuid(_ index: Int) throws -> UUID {
        guard index < parts.count, let id = UUID(uuidString: parts[index]) else { throw Self.invalid }
        return id
    }

    /// The part at `index` as an integer.
    func integer(_ index: Int) throws -> Int64 {
        guard index < parts.count, let number = Int64(parts[index]) else { throw Self.invalid }
        return number
    }

    static let invalid = AdminStoreError(.invalidCursor, "The cursor does not belong to this list.")
}
