import Foundation
import SCIM

/// A request's JSON object body, read field by field with the admin API's validation.
///
/// Unknown fields are refused rather than ignored, so a misspelt setting (`clientId` for `client_id`) is a 400 and
/// not a silent no-op. Texts are trimmed of surrounding white space; NUL characters, which PostgreSQL cannot store
/// in text, are refused.
struct AdminRequestBody {
    private let members: [String: JSONValue]

    init(_ bytes: [UInt8], allowed: Set<String>, limits: AdminLimits) throws {
        guard bytes.count <= limits.maxBodyBytes else {
            throw AdminAPIError(.payloadTooLarge, "The request body is larger than \(limits.maxBodyBytes) bytes.")
        }
        guard !bytes.isEmpty else { throw AdminAPIError(.invalidJSON, "The request needs a JSON object body.") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, maxDepth: 16)
        } catch let error as SCIMError {
            throw AdminAPIError(.invalidJSON, error.detail)
        }
        guard case .object(let members) = value else {
            throw AdminAPIError(.invalidJSON, "The request body must be a JSON object.")
        }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw AdminAPIError(
                .unknownField,
                "The field \(unknown) is not accepted here; accepted: \(allowed.sorted().joined(separator: ", ")).")
        }
        self.members = members
    }

    var isEmpty: Bool { members.isEmpty }

    /// A text field; nil when absent. Null, other types and empty texts are refused.
    func string(_ name: String, maxLength: Int) throws -> String? {
        guard let value = members[name] else { return nil }
        guard case .string(let raw) = value else { throw AdminAPIError.field(name, "a string") }
        return try Self.text(raw, name, maxLength)
    }

    func requiredString(_ name: String, maxLength: Int) throws -> String {
        guard let text = try string(name, maxLength: maxLength) else {
            throw AdminAPIError(.invalidField, "\(name) is required.")
        }
        return text
    }

    /// A text field that may be cleared: nil when absent, `.some(nil)` for null or an empty text.
    func clearableString(_ name: String, maxLength: Int) throws -> String?? {
        guard let value = members[name] else { return nil }
        switch value {
        case .null: return .some(nil)
        case .string(let raw) where raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty: return .some(nil)
        case .string(let raw): return .some(try Self.text(raw, name, maxLength))
        default: throw AdminAPIError.field(name, "a string or null")
        }
    }

    func bool(_ name: String) throws -> Bool? {
        guard let value = members[name] else { return nil }
        guard case .bool(let flag) = value else { throw AdminAPIError.field(name, "true or false") }
        return flag
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = members[name] else { return nil }
        guard case .integer(let number) = value, let small = Int(exactly: number), range.contains(small) else {
            throw AdminAPIError.field(name, "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return small
    }

    func uuid(_ name: String) throws -> UUID? {
        guard let value = members[name] else { return nil }
        guard case .string(let text) = value, let id = UUID(uuidString: text) else {
            throw AdminAPIError.field(name, "an id (UUID)")
        }
        return id
    }

    /// One of the raw values of `E`, compared exactly.
    func choice<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) throws -> E?
    where E.RawValue == String {
        guard let value = members[name] else { return nil }
        guard case .string(let text) = value, let choice = E(rawValue: text) else {
            throw AdminAPIError.field(name, "one of " + E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        return choice
    }

    /// An array of texts; more than `maxCount` items is a 413.
    func strings(_ name: String, maxCount: Int, maxLength: Int) throws -> [String]? {
        guard let value = members[name] else { return nil }
        guard case .array(let elements) = value else { throw AdminAPIError.field(name, "an array of strings") }
        guard elements.count <= maxCount else {
            throw AdminAPIError(.payloadTooLarge, "\(name) may hold at most \(maxCount) items.")
        }
        return try elements.map { element in
            guard case .string(let raw) = element else { throw AdminAPIError.field(name, "an array of strings") }
            return try Self.text(raw, name, maxLength)
        }
    }

    private static func text(_ raw: String, _ name: String, _ maxLength: Int) throws -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw AdminAPIError(.invalidField, "\(name) must not be empty.") }
        guard trimmed.count <= maxLength else {
            throw AdminAPIError(.invalidField, "\(name) must hold at most \(maxLength) characters.")
        }
        guard !trimmed.unicodeScalars.contains("\u{0}") else {
            throw AdminAPIError(.invalidField, "\(name) must not contain NUL characters.")
        }
        return trimmed
    }
}
