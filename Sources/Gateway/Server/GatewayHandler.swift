import Foundation
import HTTPServer
import Postgres
import SCIM
import Storage

/// The one entry point for every HTTP request: routing, the single error boundary, and the request's log line.
struct GatewayHandler: Sendable {
    let configuration: GatewayConfiguration
    let pool: PostgresPool
    let scim: SCIMRouter
    let migrations: MigrationRunner
    let logger: JSONLogger
    let metrics: RequestMetrics
    let provisioningLog: ProvisioningLogRecorder
    let signIn: SignInEndpoints

    /// Wires the SCIM endpoints over one pool.
    init(
        configuration: GatewayConfiguration, pool: PostgresPool, logger: JSONLogger,
        metrics: MetricsRegistry = MetricsRegistry(), openConnections: @escaping @Sendable () -> Int = { 0 }
    ) {
        let limits = SCIMLimits(
            maxResults: configuration.scimMaxResults, maxPatchOperations: configuration.scimMaxPatchOperations,
            maxBodyBytes: configuration.maxBodyBytes)
        self.configuration = configuration
        self.pool = pool
        self.logger = logger
        scim = SCIMRouter(
            users: SCIMUsersEndpoint(pool: pool, limits: limits),
            groups: SCIMGroupsEndpoint(pool: pool, limits: limits),
            rootSearch: SCIMRootSearch(pool: pool, limits: limits),
            accessGuard: SCIMAccessGuard(
                counters: RequestCounters(pool: pool), ratePerSecond: configuration.scimRateLimitPerSecond,
                failuresPerMinute: configuration.authFailureLimitPerMinute), limits: limits)
        migrations = MigrationRunner(pool: pool, directory: configuration.sqlDirectory)
        self.metrics = RequestMetrics(registry: metrics, pool: pool, openConnections: openConnections)
        provisioningLog = ProvisioningLogRecorder(
            pool: pool, settings: configuration.provisioningLog, logger: logger)
        signIn = SignInEndpoints(
            pool: pool, configuration: configuration,
            clients: OIDCClients(allowlist: configuration.oidcAllowedNetworks, secretKey: configuration.secretKey),
            logger: logger, metrics: metrics)
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        let requestID = Self.requestID(from: request)
        var log = RequestLog(requestID: requestID, method: request.method)
        var response = route(request, requestID: requestID, log: &log)
        response.headers.replaceOrAdd(name: "X-Request-ID", value: requestID)
        if request.method.uppercased() == "HEAD" { response.body = [] }
        log.status = response.status
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        log.write(to: logger, durationMilliseconds: elapsed)
        metrics.record(log, seconds: elapsed / 1000)
        if let principal = log.principal {
            provisioningLog.record(
                request: request, response: response, principal: principal, route: log.route,
                durationMilliseconds: elapsed, requestID: requestID)
        }
        return response
    }

    private func route(_ request: HTTPRequest, requestID: String, log: inout RequestLog) -> HTTPResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let isSCIM = segments.count >= 2 && segments[0].lowercased() == "scim" && segments[1].lowercased() == "v2"
        do {
            if isSCIM {
                return try scim.handle(
                    request, segments: Array(segments.dropFirst(2)), requestID: requestID,
                    baseURL: baseURL(for: request), log: &log)
            }
            switch segments.first {
            case "healthz" where segments.count == 1:
                log.route = "/healthz"
                guard request.method == "GET" || request.method == "HEAD" else { return Self.getOnly() }
                return Self.plain(200, "ok")
            case "readyz" where segments.count == 1:
                log.route = "/readyz"
                guard request.method == "GET" || request.method == "HEAD" else { return Self.getOnly() }
                return readiness()
            case "metrics" where segments.count == 1:
                log.route = "/metrics"
                guard request.method == "GET" || request.method == "HEAD" else { return Self.getOnly() }
                var response = Self.plain(200, metrics.render())
                response.headers.replaceOrAdd(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")
                return response
            case "auth":
                return authRoute(request, segments: segments, requestID: requestID, log: &log)
            case "dashboard":
                // The admin dashboard answers its own errors as pages.
                return DashboardRouter(pool: pool, configuration: configuration, logger: logger).handle(
                    request, segments: Array(segments.dropFirst()), requestID: requestID,
                    baseURL: baseURL(for: request), log: &log)
            case "api" where segments.count == 3 && segments[1] == "v1" && segments[2] == "session":
                log.route = "/api/v1/session"
                guard request.method == "GET" || request.method == "HEAD" else { return Self.getOnly() }
                return try signIn.session(request)
            case "api" where segments.count >= 2 && segments[1] == "v1":
                // The admin API answers its own errors in its own JSON shape.
                return AdminRouter(pool: pool, logger: logger).handle(
                    request, segments: Array(segments.dropFirst(2)), requestID: requestID,
                    baseURL: baseURL(for: request), log: &log)
            default:
                log.route = "/{unknown}"
                return Self.plain(404, "not found")
            }
        } catch let error as SCIMError {
            log.errorCode = error.scimType?.rawValue ?? String(error.status)
            var headers: [(String, String)] = []
            if error.status == 401 { headers.append(("WWW-Authenticate", "Bearer realm=\"SCIM\"")) }
            return SCIMResponse.error(error, headers: headers)
        } catch let refusal as SCIMMethodNotAllowed {
            log.errorCode = "405"
            return SCIMResponse.error(refusal.error, headers: [("Allow", refusal.allowed.joined(separator: ", "))])
        } catch let refusal as SCIMAccessGuard.Refused {
            log.errorCode = "rate_limited"
            metrics.registry.increment("scim_gateway_rate_limited_total", .init([("route", log.route)]))
            return SCIMResponse.error(refusal.error, headers: [("Retry-After", String(refusal.retryAfter))])
        } catch let error as PostgresError where Self.isUnavailable(error) {
            log.errorCode = "database_unavailable"
            logger.warning(
                "database unavailable", ["request_id": .string(requestID), "cause": .string(error.description)])
            return SCIMResponse.error(
                SCIMError(status: 503, detail: "The service is briefly unavailable; retry shortly."),
                headers: [("Retry-After", "5")])
        } catch {
            log.errorCode = "internal"
            logger.error(
                "request failed", ["request_id": .string(requestID), "cause": .string(String(describing: error))])
            return SCIMResponse.error(
                SCIMError(status: 500, detail: "Internal error; quote request id \(requestID) to the operator."))
        }
    }

    /// `/auth/oidc/{provider}/login`, `/auth/oidc/{provider}/discover-claims`, `/auth/oidc/callback`, `/auth/logout`.
    private func authRoute(_ request: HTTPRequest, segments: [String], requestID: String, log: inout RequestLog)
        -> HTTPResponse
    {
        let base = baseURL(for: request)
        switch (request.method, Array(segments.dropFirst())) {
        case ("GET", ["oidc", "callback"]):
            log.route = "/auth/oidc/callback"
            return signIn.callback(request, baseURL: base, requestID: requestID)
        case ("GET", let rest) where rest.count == 3 && rest[0] == "oidc" && rest[2] == "login":
            log.route = "/auth/oidc/{provider}/login"
            return signIn.login(request, provider: rest[1], discoverOnly: false, baseURL: base, requestID: requestID)
        case ("GET", let rest) where rest.count == 3 && rest[0] == "oidc" && rest[2] == "discover-claims":
            log.route = "/auth/oidc/{provider}/discover-claims"
            return signIn.login(request, provider: rest[1], discoverOnly: true, baseURL: base, requestID: requestID)
        case ("POST", ["logout"]):
            log.route = "/auth/logout"
            return signIn.logout(request, baseURL: base)
        default:
            log.route = "/auth/{unknown}"
            return Self.plain(404, "not found")
        }
    }

    private func readiness() -> HTTPResponse {
        do {
            guard try migrations.isUpToDate() else { return Self.plain(503, "database not migrated") }
            return Self.plain(200, "ready")
        } catch {
            return Self.plain(503, "database unreachable")
        }
    }

    /// The configured public URL, else one derived from a well-formed Host header, else the listen address.
    private func baseURL(for request: HTTPRequest) -> String {
        if let configured = configuration.publicBaseURL { return configured }
        if let host = request.headers["Host"], !host.isEmpty, host.count <= 255,
            host.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-:[]".unicodeScalars.contains($0))
            })
        {
            return "http://\(host)"
        }
        return "http://\(configuration.listenHost):\(configuration.listenPort)"
    }

    private static func isUnavailable(_ error: PostgresError) -> Bool {
        [.connectionFailed, .connectionLost, .poolTimeout, .poolClosed].contains(error.code)
            || error.sqlState?.isConnectionClass == true
    }

    /// A caller's `X-Request-ID` when it is short and plain, so a load balancer's id carries through; otherwise new.
    private static func requestID(from request: HTTPRequest) -> String {
        if let given = request.headers["X-Request-ID"], (8...64).contains(given.count),
            given.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") })
        {
            return given
        }
        return UUID().uuidString.lowercased()
    }

    /// 405 for a path that answers only GET and HEAD, with the `Allow` header RFC 9110 §15.5.6 requires.
    private static func getOnly() -> HTTPResponse {
        var response = plain(405, "GET only")
        response.headers.replaceOrAdd(name: "Allow", value: "GET, HEAD")
        return response
    }

    private static func plain(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")]),
            body: Array((text + "\n").utf8))
    }
}
