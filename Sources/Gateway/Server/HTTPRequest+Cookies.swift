import Foundation
import HTTPServer

extension HTTPRequest {
    /// The value of the cookie `name` in the `Cookie` headers (RFC 6265 §5.4), when its length is in `lengths`;
    /// ours are opaque random values, so anything else is not one of them.
    func cookie(named name: String, lengths: ClosedRange<Int>) -> String? {
        for header in headers.values(for: "Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == name, lengths.contains(parts[1].count) { return parts[1] }
            }
        }
        return nil
    }
}
