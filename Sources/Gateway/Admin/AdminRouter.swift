import Foundation
import HTTPServer
import Identity
import Postgres
import SCIM
import Storage

/// Routes `/api/v1/...` requests and is the admin API's error boundary: every failure becomes one
/// `{"error": {"code", "message"}}` body. Client mistakes are 4xx; anything unexpected is a 500 that carries only
/// the request id, its cause going to the log.
///
/// Order of checks: the path (404), the method (405), the key (401), then its reach: a tenant key on a
/// deployment-only route gets 403, on another tenant's path 404, exactly as for a tenant that does not exist.
struct AdminRouter: Sendable {
    static let prefix = "/api/v1"

    let endpoints: AdminEndpoints
    let authenticator: AdminAuthenticator
    let tenants: AdminTenantDirectory
    let logger: JSONLogger
    let limits: AdminLimits

    init(pool: PostgresPool, logger: JSONLogger, limits: AdminLimits = AdminLimits()) {
        endpoints = AdminEndpoints(pool: pool)
        authenticator = AdminAuthenticator(keys: AdminKeyRepository(pool: pool))
        tenants = AdminTenantDirectory(pool: pool)
        self.logger = logger
        self.limits = limits
    }

    /// Answers one request; `segments` are the path's segments after `/api/v1`.
    func handle(
        _ request: HTTPRequest, segments: [String], requestID: String, baseURL: String, log: inout RequestLog
    ) -> HTTPResponse {
        do {
            return try dispatch(request, segments, requestID, baseURL, &log)
        } catch {
            return respond(to: error, requestID: requestID, log: &log)
        }
    }

    /// The routes sharing the most specific template that matches `segments`, and its parameters.
    static func resolve(_ segments: [String]) -> (routes: [AdminRoute], parameters: [String: String])? {
        let matches = AdminRoute.all.compactMap { route in route.match(segments).map { (route, $0) } }
        guard let best = matches.max(by: { $0.0.specificity < $1.0.specificity }) else { return nil }
        return (matches.filter { $0.0.path == best.0.path }.map(\.0), best.1)
    }

    private func dispatch(
        _ request: HTTPRequest, _ segments: [String], _ requestID: String, _ baseURL: String, _ log: inout RequestLog
    ) throws -> HTTPResponse {
        guard let (routes, parameters) = Self.resolve(segments) else {
            log.route = Self.prefix + "/{unknown}"
            throw AdminAPIError(.notFound, "No admin API endpoint at this path.")
        }
        log.route = Self.prefix + routes[0].path
        let method = request.method.uppercased() == "HEAD" ? "GET" : request.method.uppercased()
        guard let route = routes.first(where: { $0.method == method }) else {
            throw MethodNotAllowed(allowed: routes.map(\.method))
        }
        var principal: AdminPrincipal?
        if route.access != .open {
            let caller = try authenticator.authenticate(request)
            principal = caller
            try authorize(caller, route, parameters, &log)
        }
        let context = AdminRequestContext(
            request: request, principal: principal, parameters: parameters, requestID: requestID, baseURL: baseURL,
            limits: limits)
        return try route.handler(endpoints, context)
    }

    /// Checks the key's reach; a tenant the key cannot reach answers exactly as a tenant that does not exist.
    private func authorize(
        _ principal: AdminPrincipal, _ route: AdminRoute, _ parameters: [String: String], _ log: inout RequestLog
    ) throws {
        switch route.access {
        case .open, .anyKey:
            return
        case .deployment:
            guard principal.isDeploymentWide else {
                throw AdminAPIError(.forbidden, "This operation needs a deployment-wide admin key.")
            }
        case .tenant:
            let text = parameters["tenantId"] ?? ""
            let notFound = AdminAPIError(.notFound, "No tenant has the id \(text.lowercased()).")
            guard let tenantID = UUID(uuidString: text), principal.reaches(tenantID) else { throw notFound }
            guard try tenants.find(id: tenantID) != nil else { throw notFound }
            log.tenantID = tenantID
            log.providerID = parameters["providerId"].flatMap(UUID.init(uuidString:))
        }
    }

    private func respond(to error: any Error, requestID: String, log: inout RequestLog) -> HTTPResponse {
        var headers: [(String, String)] = []
        let answer: AdminAPIError
        switch error {
        case let error as AdminAPIError:
            answer = error
        case let error as MethodNotAllowed:
            headers.append(("Allow", error.allowed.joined(separator: ", ")))
            answer = AdminAPIError(.methodNotAllowed, "Allowed here: \(error.allowed.joined(separator: ", ")).")
        case let error as AdminStoreError:
            let status = [.notFound: 404, .conflict: 409, .invalid: 400][error.code.kind] ?? 400
            answer = AdminAPIError(status: status, code: error.code.rawValue, message: error.message)
        case let error as MappingRuleError:
            answer = AdminAPIError(
                status: 400, code: Self.snakeCase(error.code.description), message: error.description)
        case let error as SCIMError where error.status < 500:
            // Raised by shared code (e.g. the userName check) for a client mistake.
            answer = AdminAPIError(status: error.status, code: "invalid_request", message: error.detail)
        case let error as PostgresError where Self.isUnavailable(error):
            logger.warning(
                "database unavailable", ["request_id": .string(requestID), "cause": .string(error.description)])
            headers.append(("Retry-After", "5"))
            answer = AdminAPIError(.unavailable, "The service is briefly unavailable; retry shortly.")
        case let error as PostgresError
        where error.sqlState == .uniqueViolation || error.sqlState == .foreignKeyViolation:
            // A concurrent change won a race the checks before the write could not see.
            answer = AdminAPIError(.conflict, "The change clashes with an existing resource.")
        case let error as PostgresError where error.sqlState?.errorClass == "22" || error.sqlState == .checkViolation:
            answer = AdminAPIError(.invalidRequest, "A value in the request is out of the accepted range.")
        default:
            logger.error(
                "request failed", ["request_id": .string(requestID), "cause": .string(String(describing: error))])
            answer = AdminAPIError(.internalError, "Internal error; quote request id \(requestID) to the operator.")
        }
        log.errorCode = answer.code
        if answer.status == 401 { headers.append(("WWW-Authenticate", "Bearer realm=\"admin\"")) }
        return AdminResponse.error(answer, headers: headers)
    }

    private struct MethodNotAllowed: Error {
        let allowed: [String]
    }

    private static func isUnavailable(_ error: PostgresError) -> Bool {
        [.connectionFailed, .connectionLost, .poolTimeout, .poolClosed].contains(error.code)
            || error.sqlState?.isConnectionClass == true
    }

    /// `unknownRole` → `unknown_role`, the admin API's spelling of codes.
    static func snakeCase(_ text: String) -> String {
        var result = ""
        for character in text {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
