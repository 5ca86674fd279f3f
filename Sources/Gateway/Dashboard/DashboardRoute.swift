import HTTPServer

/// One dashboard route: method, path template under `/dashboard` (`{name}` matches one segment), who may call it,
/// and its handler.
struct DashboardRoute: Sendable {
    enum Access: Sendable {
        /// Anyone: the sign-in pages and the static files.
        case open
        /// A signed-in administrator; a post must also pass `DashboardForgeryGuard`.
        case administrator
    }

    let method: String
    let template: [String]
    let access: Access
    let handler: @Sendable (DashboardEndpoints, inout DashboardContext) throws -> HTTPResponse

    init(
        _ method: String, _ template: String, _ access: Access = .administrator,
        _ handler: @escaping @Sendable (DashboardEndpoints, inout DashboardContext) throws -> HTTPResponse
    ) {
        self.method = method
        self.template = template.split(separator: "/").map(String.init)
        self.access = access
        self.handler = handler
    }

    /// The route's path as logged: `/dashboard/providers/{providerId}`.
    var logPath: String {
        (["/dashboard"] + template).joined(separator: "/")
    }

    /// The parameters when `segments` fit the template.
    func match(_ segments: [String]) -> [String: String]? {
        guard segments.count == template.count else { return nil }
        var parameters: [String: String] = [:]
        for (part, segment) in zip(template, segments) {
            if part.hasPrefix("{") && part.hasSuffix("}") {
                parameters[String(part.dropFirst().dropLast())] = segment
            } else if part != segment {
                return nil
            }
        }
        return parameters
    }

    /// Literal segments count more than parameters, so `providers/new` wins over `providers/{providerId}`.
    var specificity: Int {
        template.filter { !$0.hasPrefix("{") }.count
    }
}
