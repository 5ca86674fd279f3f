/// Why an administrative read or write cannot be done, worded for the administrator who asked.
///
/// `kind` tells the admin API which answer to give (404, 409 or 400); `code` is the stable, machine-readable
/// reason. Messages name ids and fields, never a person's attribute values.
public struct AdminStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The resource does not exist in the caller's tenant.
        case notFound
        /// The request is well formed but clashes with the current state.
        case conflict
        /// A value in the request is not acceptable.
        case invalid
    }

    /// The reason, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public let kind: Kind

        public init(_ rawValue: String, kind: Kind) {
            self.rawValue = rawValue
            self.kind = kind
        }

        public static let notFound = Code("not_found", kind: .notFound)
        /// A name that must be unique ignoring case is taken.
        public static let nameTaken = Code("name_taken", kind: .conflict)
        /// System roles exist in every tenant with fixed ids and cannot be changed.
        public static let systemRole = Code("system_role_immutable", kind: .conflict)
        /// A role that mapping rules name cannot be renamed or deleted until the rules change.
        public static let roleInUse = Code("role_in_use", kind: .conflict)
        public static let scimAlreadyEnabled = Code("scim_already_enabled", kind: .conflict)
        public static let scimNotEnabled = Code("scim_not_enabled", kind: .conflict)
        /// A team or unit that SCIM or sign-in grants hold would come back at the next sync.
        public static let heldBySync = Code("held_by_sync", kind: .conflict)
        /// The person was deleted by SCIM: kept for audit, no longer given grants.
        public static let userDeleted = Code("user_deleted", kind: .conflict)
        public static let unknownPermission = Code("unknown_permission", kind: .invalid)
        /// A reordering that does not list each of the provider's rules exactly once.
        public static let invalidOrder = Code("invalid_order", kind: .invalid)
        public static let invalidValue = Code("invalid_value", kind: .invalid)
        /// An id in the request body names nothing in the tenant.
        public static let unknownReference = Code("unknown_reference", kind: .invalid)
        public static let invalidCursor = Code("invalid_cursor", kind: .invalid)
        /// The operation needs the schema owner's connection (`MIGRATION_DATABASE_URL`), not the service role's.
        public static let ownerRequired = Code("owner_required", kind: .invalid)

        public var description: String { rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    static func notFound(_ what: String, _ id: some CustomStringConvertible) -> AdminStoreError {
        AdminStoreError(.notFound, "No \(what) has the id \(String(describing: id).lowercased()).")
    }
}
