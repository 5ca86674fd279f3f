import Foundation
import Postgres

/// Everything the admin API shows about one person, memberships with their provenance included.
public struct AdminUserDetail: Sendable, Equatable {
    public let id: UUID
    public var userName: String
    public var displayName: String?
    public var externalID: String?
    public var status: String
    public var active: Bool
    /// Deleted by SCIM: hidden from SCIM, kept suspended for audit.
    public var deleted: Bool
    /// How the person first arrived: scim, oidc or admin.
    public var origin: String
    public var managingProvider: AdminReference?
    public var role: AdminRoleAssignment?
    public var teams: [AdminMembership]
    public var businessUnits: [AdminMembership]
    public var lastSignInAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        userName = try row.decode("user_name")
        displayName = try row.decodeIfPresent("display_name")
        externalID = try row.decodeIfPresent("external_id")
        status = try row.decode("status")
        active = try row.decode("active")
        deleted = try row.decode("deleted")
        origin = try row.decode("origin")
        managingProvider = try AdminUserDirectory.reference(row, id: "managing_provider_id", name: "provider_name")
        role = try AdminUserDirectory.role(row)
        teams = []
        businessUnits = []
        lastSignInAt = try row.decodeIfPresent("last_sign_in_at")
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
    }
}
