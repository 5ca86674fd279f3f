import Foundation
import Postgres
import SCIM

/// A user row: the IdP's SCIM attributes plus what the service keeps about them.
public struct StoredUser: Sendable, Equatable {
    public let id: UUID
    public var userName: String
    public var externalID: String?
    public var displayName: String?
    public var active: Bool
    /// Canonical SCIM attributes as the IdP wrote them, without `id`, `meta` and `groups`.
    public var attributes: JSONValue
    public var version: Int64
    public var createdAt: Date
    public var updatedAt: Date
    public var managingProviderID: UUID?

    static let columns = """
        u.id, u.user_name, u.external_id, u.display_name, u.active, u.attributes::text AS attributes, u.version,
        u.created_at, u.updated_at, u.managing_provider_id
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        userName = try row.decode("user_name")
        externalID = try row.decodeIfPresent("external_id")
        displayName = try row.decodeIfPresent("display_name")
        active = try row.decode("active")
        attributes = try JSONValue.parse(Array(try row.decode("attributes", as: String.self).utf8))
        version = try row.decode("version")
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
        managingProviderID = try row.decodeIfPresent("managing_provider_id")
    }
}
