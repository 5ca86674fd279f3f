import Foundation
import Postgres

/// A person as a list of people shows them: status, role, team and unit names, managing provider, last sign-in.
public struct AdminUserSummary: Sendable, Equatable {
    public let id: UUID
    public var userName: String
    public var displayName: String?
    public var status: String
    public var managingProvider: AdminReference?
    public var role: AdminRoleAssignment?
    public var teams: [String]
    public var businessUnits: [String]
    public var lastSignInAt: Date?
    /// The keyset position: `lower(user_name)`, unique among the tenant's live people.
    let sortKey: String

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        userName = try row.decode("user_name")
        displayName = try row.decodeIfPresent("display_name")
        status = try row.decode("status")
        managingProvider = try AdminUserDirectory.reference(row, id: "managing_provider_id", name: "provider_name")
        role = try AdminUserDirectory.role(row)
        teams = []
        businessUnits = []
        lastSignInAt = try row.decodeIfPresent("last_sign_in_at")
        sortKey = try row.decode("sort_key")
    }
}
