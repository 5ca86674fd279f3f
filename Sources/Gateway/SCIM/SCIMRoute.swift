/// Which SCIM endpoint a path under `/scim/v2` names, matched once: the router dispatches on it, and logs and metrics
/// use its template. Resource names match ignoring case (IDP_BEHAVIOUR.md §0.3); ids keep the client's spelling.
enum SCIMRoute: Equatable {
    case users(id: String?)
    case groups(id: String?)
    /// `POST /Users/.search` or `/Groups/.search`.
    case resourceSearch(users: Bool)
    case rootSearch
    case serviceProviderConfig
    case resourceTypes(id: String?)
    case schemas(id: String?)
    case bulk
    case me
    case unknown

    init(segments: [String]) {
        let resource = segments.first?.lowercased() ?? ""
        let id = segments.count == 2 ? segments[1] : nil
        switch (resource, segments.count) {
        case ("users", 1), ("users", 2), ("groups", 1), ("groups", 2):
            let isUsers = resource == "users"
            if id == ".search" {
                self = .resourceSearch(users: isUsers)
            } else {
                self = isUsers ? .users(id: id) : .groups(id: id)
            }
        case (".search", 1): self = .rootSearch
        case ("serviceproviderconfig", 1): self = .serviceProviderConfig
        case ("resourcetypes", 1), ("resourcetypes", 2): self = .resourceTypes(id: id)
        case ("schemas", 1), ("schemas", 2): self = .schemas(id: id)
        case ("bulk", 1): self = .bulk
        case ("me", _): self = .me
        default: self = .unknown
        }
    }

    /// The route for logs and metrics: ids become `{id}`, so the label's values stay few whatever clients send.
    var template: String {
        let path: String
        switch self {
        case .users(let id): path = "/Users" + (id == nil ? "" : "/{id}")
        case .groups(let id): path = "/Groups" + (id == nil ? "" : "/{id}")
        case .resourceSearch(let users): path = (users ? "/Users" : "/Groups") + "/.search"
        case .rootSearch: path = "/.search"
        case .serviceProviderConfig: path = "/ServiceProviderConfig"
        case .resourceTypes(let id): path = "/ResourceTypes" + (id == nil ? "" : "/{id}")
        case .schemas(let id): path = "/Schemas" + (id == nil ? "" : "/{id}")
        case .bulk: path = "/Bulk"
        case .me: path = "/Me"
        case .unknown: path = "/{unknown}"
        }
        return SCIMRouter.prefix + path
    }
}
