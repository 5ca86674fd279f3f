import Foundation
import HTTPServer

/// The fields of a posted `application/x-www-form-urlencoded` body (the HTML Living Standard's URL-encoded form
/// data: `+` is a space, `%XX` a byte of UTF-8).
struct DashboardForm: Sendable {
    /// Dashboard forms are a few short fields; anything larger is refused before parsing.
    static let maxBytes = 64 * 1024

    private let fields: [(name: String, value: String)]

    init(fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    /// Parses the request body; a body of another type or too large is refused.
    init(request: HTTPRequest) throws {
        let type = request.headers["Content-Type"]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/x-www-form-urlencoded" else {
            throw DashboardError(.invalidForm, "The form was not sent as a web form.")
        }
        guard request.body.count <= Self.maxBytes else {
            throw DashboardError(.invalidForm, "The form is too large.")
        }
        fields = request.body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// The first value of the field, as sent.
    subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// The field trimmed of surrounding white space; nil when missing or blank.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// A checkbox: present means on.
    func isChecked(_ name: String) -> Bool {
        self[name] != nil
    }

    private static func decode(_ raw: ArraySlice<UInt8>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), raw.distance(from: index, to: raw.endIndex) >= 3,
                let high = hexValue(raw[index + 1]), let low = hexValue(raw[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
