import Foundation
import Postgres
import SCIM

/// A SCIM group row. Members are rows of their own and are read separately.
public struct StoredGroup: Sendable, Equatable {
    public let id: UUID
    public var displayName: String
    public var externalID: String?
    /// Canonical SCIM attributes as the IdP wrote them, without `id`, `meta` and `members`.
    public var attributes: JSONValue
    public var version: Int64
    public var createdAt: Date
    public var updatedAt: Date

    static let columns = """
        g.id, g.display_name, g.external_id, g.attributes::text AS attributes, g.version, g.created_at, g.updated_at
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        displayName = try row.decode("display_name")
        externalID = try row.decodeIfPresent("external_id")
        attributes = try JSONValue.parse(Array(try row.decode("attributes", as: String.self).utf8))
        version = try row.decode("version")
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
    }
}
