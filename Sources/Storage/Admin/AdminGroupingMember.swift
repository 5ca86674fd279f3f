import Foundation
import Postgres

/// A person holding a team or business unit, with each grant that holds it.
public struct AdminGroupingMember: Sendable, Equatable {
    public let id: UUID
    public var userName: String
    public var displayName: String?
    public var status: String
    public var grants: [AdminGrant]
    let sortKey: String

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        userName = try row.decode("user_name")
        displayName = try row.decodeIfPresent("display_name")
        status = try row.decode("status")
        grants = []
        sortKey = try row.decode("sort_key")
    }
}
