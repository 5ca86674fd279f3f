import Foundation

/// An isolated company. Nothing of one tenant is ever visible to another.
public struct Tenant: Sendable, Equatable {
    public let id: UUID
    public var name: String

    public init(id: UUID, name: String) {
        self.id = id
        self.name = name
    }
}
