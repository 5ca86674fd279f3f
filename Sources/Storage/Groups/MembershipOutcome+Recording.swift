import Foundation
import Postgres

extension MembershipOutcome {
    /// Counts the rows a statement with `RETURNING member_id` inserted, and notes whose membership changed.
    mutating func record(added result: PostgresResult) throws {
        added += result.affectedRows
        for row in result.rows { changedMembers.insert(try row.decode("member_id")) }
    }

    mutating func record(removed result: PostgresResult) throws {
        removed += result.affectedRows
        for row in result.rows { changedMembers.insert(try row.decode("member_id")) }
    }
}
