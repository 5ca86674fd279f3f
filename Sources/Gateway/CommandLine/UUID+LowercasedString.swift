import Foundation

extension UUID {
    /// Ids are shown and compared in lower case everywhere.
    var lowercasedString: String { uuidString.lowercased() }
}
