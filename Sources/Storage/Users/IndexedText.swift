import SCIM

/// The bound on text that storage copies from SCIM attributes into indexed columns (`userName`, `displayName`,
/// `externalId`). A B-tree entry holds about 2,700 bytes, so a longer value failed its write with SQLSTATE 54000 and
/// a 500 (issue 8, found by the hostile-input tests); 1,024 bytes leaves room for `lower()` and the tenant id.
enum IndexedText {
    static let maxBytes = 1024

    /// `value` unchanged when it fits; otherwise 400 `invalidValue` naming the attribute.
    static func checked(_ value: String, attribute: String) throws -> String {
        guard value.utf8.count <= maxBytes else {
            throw SCIMError.invalidValue("'\(attribute)' is longer than \(maxBytes) bytes (UTF-8).")
        }
        return value
    }

    static func checked(_ value: String?, attribute: String) throws -> String? {
        try value.map { try checked($0, attribute: attribute) }
    }

    /// A name that identifies its resource (`userName`, a group's `displayName`): `checked`, and it must have a
    /// visible character and no whitespace at either end. "dave@example.com " would otherwise be a second account
    /// that looks the same as "dave@example.com" in every list, and "Platform " a second team.
    static func checkedName(_ value: String, attribute: String) throws -> String {
        let scalars = value.unicodeScalars
        guard scalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw SCIMError.invalidValue("'\(attribute)' must not be empty or only whitespace.")
        }
        guard scalars.first?.properties.isWhitespace == false, scalars.last?.properties.isWhitespace == false else {
            throw SCIMError.invalidValue("'\(attribute)' must not begin or end with whitespace.")
        }
        return try checked(value, attribute: attribute)
    }
}
