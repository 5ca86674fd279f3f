import Foundation
import HTTPServer

/// One dashboard request as a handler sees it: the request, the route's parameters, the administrator (on signed-in
/// routes), and the posted form, already checked for forgery.
struct DashboardContext {
    let request: HTTPRequest
    let parameters: [String: String]
    let baseURL: String
    let requestID: String
    let principal: DashboardPrincipal?
    let form: DashboardForm?
    /// Cookies the answer must set, such as a dashboard session opened for this request.
    var cookies: [String] = []

    /// The signed-in administrator; signed-in routes always have one.
    var administrator: DashboardPrincipal {
        get throws {
            guard let principal else { throw DashboardError(.forbidden, "Sign in to use the dashboard.") }
            return principal
        }
    }

    var secure: Bool { baseURL.hasPrefix("https:") }

    /// The route parameter as an id; an id that is not a UUID names nothing, so it is a 404.
    func id(_ name: String, _ what: String) throws -> UUID {
        guard let text = parameters[name], let id = UUID(uuidString: text) else {
            throw DashboardError(.notFound, "There is no \(what) at this address.")
        }
        return id
    }

    /// The posted form; post routes always have one.
    var posted: DashboardForm {
        get throws {
            guard let form else { throw DashboardError(.invalidForm, "This address expects a form.") }
            return form
        }
    }

    func query(_ name: String) -> String? {
        request.queryValue(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    var notice: DashboardNotice? { DashboardNotice.named(in: query("notice")) }
}
