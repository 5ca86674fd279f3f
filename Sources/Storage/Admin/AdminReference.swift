import Foundation

/// Another resource named by id and name, such as a person's managing provider.
public struct AdminReference: Sendable, Equatable {
    public let id: UUID
    public let name: String
}
