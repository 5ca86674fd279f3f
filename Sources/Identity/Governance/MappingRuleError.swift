/// Why a mapping rule cannot be saved. `description` names the fault and the field, never a person's data.
public struct MappingRuleError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case emptyAttribute, invalidAttribute, emptyValue, repeatedPlaceholder, emptyTarget, unknownRole
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The attribute path is empty.
        public static let emptyAttribute = Code(.emptyAttribute)
        /// The attribute path has an empty segment (`name..givenName`, `claims.`) or is `claims` alone.
        public static let invalidAttribute = Code(.invalidAttribute)
        /// The value is empty; use `*` to match any value.
        public static let emptyValue = Code(.emptyValue)
        /// The value holds `${*}` more than once; a template captures exactly one part.
        public static let repeatedPlaceholder = Code(.repeatedPlaceholder)
        /// The target is empty.
        public static let emptyTarget = Code(.emptyTarget)
        /// A role rule's literal target names none of the tenant's roles, so it could never give a role.
        public static let unknownRole = Code(.unknownRole)

        public var description: String {
            base.rawValue
        }
    }

    public let code: Code

    public init(code: Code) {
        self.code = code
    }

    public var description: String {
        switch code {
        case .emptyAttribute: return "Mapping rule attribute is empty"
        case .invalidAttribute: return "Mapping rule attribute is not a valid path"
        case .emptyValue: return "Mapping rule value is empty"
        case .repeatedPlaceholder: return "Mapping rule value holds ${*} more than once"
        case .emptyTarget: return "Mapping rule target is empty"
        case .unknownRole: return "Mapping rule target names no known role"
        default: return "Mapping rule is invalid (\(code))"
        }
    }
}
