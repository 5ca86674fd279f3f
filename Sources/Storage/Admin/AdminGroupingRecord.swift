import Foundation
import Identity
import Postgres

/// A team or business unit with how many people hold it and through which sources.
public struct AdminGroupingRecord: Sendable, Equatable {
    public let id: UUID
    public var name: String
    public var createdAt: Date
    /// People holding it through at least one grant.
    public var memberCount: Int
    /// Grants per source; a person held both manually and by SCIM counts once in each.
    public var grantsBySource: [MembershipSource: Int]
    let sortKey: String

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        name = try row.decode("name")
        createdAt = try row.decode("created_at")
        memberCount = 0
        grantsBySource = [:]
        sortKey = try row.decode("sort_key")
    }
}
