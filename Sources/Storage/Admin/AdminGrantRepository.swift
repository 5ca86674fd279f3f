import Foundation
import Identity
import Postgres

/// Administrators' own grants: a person's role and manual team and unit memberships, inside one tenant transaction.
///
/// Manual grants are rows with source `manual`; SCIM and sign-in syncs never revoke them, and a manual role is never
/// replaced by a sync (`GovernanceSync`). Removing a manual membership leaves SCIM's and sign-in's rows alone.
public struct AdminGrantRepository {
    let transaction: TenantTransaction

    private var connection: PostgresConnection { transaction.connection }
    private var tenantID: UUID { transaction.tenantID }

    /// Gives the person `roleID` as a manual role, which syncs keep.
    public func assignRole(_ roleID: UUID, to userID: UUID) throws {
        try requireLiveUser(userID)
        guard
            try !connection.query("SELECT 1 AS present FROM roles WHERE tenant_id = \(tenantID) AND id = \(roleID)")
                .rows.isEmpty
        else { throw AdminStoreError(.unknownReference, "No role has the id \(roleID.uuidString.lowercased()).") }
        try transaction.governance.setRole(of: userID, to: roleID, source: .manual)
    }

    /// Takes the person's role away, whatever gave it; the next SCIM write or sign-in may map one again.
    public func removeRole(from userID: UUID) throws {
        guard try transaction.adminUsers.isDeleted(userID, lock: true) != nil else {
            throw AdminStoreError.notFound("user", userID)
        }
        try transaction.governance.setRole(of: userID, to: nil, source: nil)
    }

    /// Grants a manual membership of the team or unit `groupingID`, or of the one named `name` (created when
    /// missing). Returns the membership with all its grants, and whether the manual grant is new.
    public func grant(
        _ kind: MembershipKind, groupingID: UUID?, name: String?, to userID: UUID
    ) throws -> (membership: AdminMembership, created: Bool) {
        try requireLiveUser(userID)
        let groupings = transaction.adminGroupings(kind)
        let target: AdminGroupingRecord
        if let groupingID {
            guard let found = try groupings.find(id: groupingID) else {
                throw AdminStoreError(
                    .unknownReference, "No \(kind.noun) has the id \(groupingID.uuidString.lowercased()).")
            }
            target = found
        } else if let name {
            target = try groupings.findOrCreate(name: name)
        } else {
            throw AdminStoreError(.invalidValue, "Name the \(kind.noun) by id or by name.")
        }
        let inserted = try connection.query(
            PostgresQuery(
                unsafeSQL: "INSERT INTO \(kind.memberTable) (tenant_id, \(kind.memberColumn), user_id, source) VALUES ("
            )
                + "\(tenantID), \(target.id), \(userID), 'manual') ON CONFLICT DO NOTHING"
        ).affectedRows
        return (try membership(kind, target.id, of: userID), inserted == 1)
    }

    /// Removes the manual membership only; grants from SCIM or sign-in of the same team stay.
    public func revoke(_ kind: MembershipKind, groupingID: UUID, from userID: UUID) throws {
        guard try transaction.adminUsers.isDeleted(userID, lock: true) != nil else {
            throw AdminStoreError.notFound("user", userID)
        }
        let deleted = try connection.query(
            PostgresQuery(unsafeSQL: "DELETE FROM \(kind.memberTable) WHERE tenant_id = ")
                + "\(tenantID) AND user_id = \(userID) AND source = 'manual' AND "
                + PostgresQuery(unsafeSQL: "\(kind.memberColumn) = ") + "\(groupingID)"
        ).affectedRows
        guard deleted == 1 else {
            throw AdminStoreError(.notFound, "The person holds no manual grant of that \(kind.noun).")
        }
    }

    private func membership(_ kind: MembershipKind, _ groupingID: UUID, of userID: UUID) throws -> AdminMembership {
        let rows = try connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT g.id, g.name, m.source, m.provider_id, m.granted_at FROM \(kind.memberTable) m
                    JOIN \(kind.table) g ON g.tenant_id = m.tenant_id AND g.id = m.\(kind.memberColumn)
                    WHERE m.tenant_id = 
                    """) + "\(tenantID) AND m.user_id = \(userID) AND g.id = \(groupingID) ORDER BY m.source"
        ).rows
        guard let membership = try AdminUserDirectory.groupGrants(rows).first else {
            throw AdminStoreError.notFound(kind.noun, groupingID)
        }
        return membership
    }

    private func requireLiveUser(_ userID: UUID) throws {
        switch try transaction.adminUsers.isDeleted(userID, lock: true) {
        case nil: throw AdminStoreError.notFound("user", userID)
        case true?:
            throw AdminStoreError(.userDeleted, "The person was deleted by SCIM and is kept only for audit.")
        case false?: return
        }
    }
}
