import Foundation
import Postgres

/// A tenant as the admin API shows it.
public struct AdminTenantRecord: Sendable, Equatable {
    public let id: UUID
    public var name: String
    public var createdAt: Date
    /// `created_at` in microseconds, for an exact keyset position.
    let micros: Int64

    static let columns = "t.id, t.name, t.created_at, (extract(epoch FROM t.created_at) * 1000000)::bigint AS micros"

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        name = try row.decode("name")
        createdAt = try row.decode("created_at")
        micros = try row.decode("micros")
    }
}
