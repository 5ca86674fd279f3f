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
}
