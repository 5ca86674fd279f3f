import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage

/// Routes `/dashboard/...` and is the dashboard's error boundary: every failure becomes a page, never a stack trace;
/// unexpected ones show only the request id, their cause going to the log.
///
/// Order of checks: the path (404), the method (405), then for signed-in routes the session (a GET without one goes
/// to the sign-in page, a POST is refused) and, for a POST, the form and its synchronizer token.
struct DashboardRouter: Sendable {
    let endpoints: DashboardEndpoints
    let logger: JSONLogger

    init(pool: PostgresPool, configuration: GatewayConfiguration, logger: JSONLogger) {
        endpoints = DashboardEndpoints(pool: pool, configuration: configuration)
        self.logger = logger
    }

    /// Answers one request; `segments` are the path's segments after `/dashboard`.
    func handle(
        _ request: HTTPRequest, segments: [String], requestID: String, baseURL: String, log: inout RequestLog
    ) -> HTTPResponse {
        var principal: DashboardPrincipal?
        do {
            return try dispatch(request, segments, requestID, baseURL, &log, &principal)
        } catch {
            return respond(to: error, principal: principal, requestID: requestID, log: &log)
        }
    }

    static func resolve(_ segments: [String]) -> (routes: [DashboardRoute], parameters: [String: String])? {
        let matches = DashboardRoute.all.compactMap { route in route.match(segments).map { (route, $0) } }
        guard let best = matches.max(by: { $0.0.specificity < $1.0.specificity }) else { return nil }
        return (matches.filter { $0.0.template == best.0.template }.map(\.0), best.1)
    }

    private func dispatch(
        _ request: HTTPRequest, _ segments: [String], _ requestID: String, _ baseURL: String,
        _ log: inout RequestLog, _ principal: inout DashboardPrincipal?
    ) throws -> HTTPResponse {
        guard let (routes, parameters) = Self.resolve(segments) else {
            log.route = "/dashboard/{unknown}"
            throw DashboardError(.notFound, "There is no dashboard page at this address.")
        }
        log.route = routes[0].logPath
        let method = request.method.uppercased() == "HEAD" ? "GET" : request.method.uppercased()
        guard let route = routes.first(where: { $0.method == method }) else {
            throw DashboardError(.methodNotAllowed, "This address does not accept that kind of request.")
        }
        var cookies: [String] = []
        if route.access == .administrator {
            principal = try endpoints.authenticator.principal(for: request)
            if principal == nil, method == "GET",
                let (opened, cookie) = try endpoints.authenticator.openFromSignIn(
                    request, secure: baseURL.hasPrefix("https:"))
            {
                principal = opened
                cookies.append(cookie)
            }
            guard let signedIn = principal else {
                guard method == "GET" else {
                    throw DashboardError(
                        .forgedRequest, "Your dashboard session has ended, so nothing was changed. Sign in again.")
                }
                return DashboardResponse.redirect(to: "/dashboard/sign-in")
            }
            log.tenantID = signedIn.tenantID
            log.providerID = parameters["providerId"].flatMap(UUID.init(uuidString:))
        }
        var form: DashboardForm?
        if method == "POST" {
            let posted = try DashboardForm(request: request)
            if let principal {
                try DashboardForgeryGuard.check(request, form: posted, principal: principal, baseURL: baseURL)
            }
            form = posted
        }
        var context = DashboardContext(
            request: request, parameters: parameters, baseURL: baseURL, requestID: requestID, principal: principal,
            form: form, cookies: cookies)
        var response = try route.handler(endpoints, &context)
        for cookie in context.cookies { response.headers.add(name: "Set-Cookie", value: cookie) }
        return response
    }

    private func respond(
        to error: any Error, principal: DashboardPrincipal?, requestID: String, log: inout RequestLog
    ) -> HTTPResponse {
        let failure: DashboardError
        switch error {
        case let error as DashboardError:
            failure = error
        case let error as AdminStoreError:
            let code: DashboardError.Code =
                switch error.code.kind {
                case .notFound: .notFound
                case .conflict: .conflict
                case .invalid: .invalidForm
                }
            failure = DashboardError(code, error.message)
        case let error as PostgresError where Self.isUnavailable(error):
            logger.warning(
                "database unavailable", ["request_id": .string(requestID), "cause": .string(error.description)])
            failure = DashboardError(
                DashboardError.Code("database_unavailable", status: 503),
                "The service is briefly unavailable. Try again in a moment.")
        default:
            logger.error(
                "request failed", ["request_id": .string(requestID), "cause": .string(String(describing: error))])
            failure = DashboardError(
                DashboardError.Code("internal", status: 500),
                "Something went wrong on our side. Quote request id \(requestID) to the operator.")
        }
        log.errorCode = failure.code.rawValue
        return DashboardResponse.page(
            DashboardErrorView.render(failure, principal: principal), status: failure.code.status)
    }

    private static func isUnavailable(_ error: PostgresError) -> Bool {
        [.connectionFailed, .connectionLost, .poolTimeout, .poolClosed].contains(error.code)
            || error.sqlState?.isConnectionClass == true
    }
}
