import Dispatch
import Foundation
import HTTPServer
import Postgres
import SCIM
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// Wires the configuration, database pool, SCIM endpoints and HTTP server together, and stops them gracefully.
public final class GatewayServer: Sendable {
    private let configuration: GatewayConfiguration
    private let pool: PostgresPool
    private let server: HTTPServer
    private let logger: JSONLogger
    private let handler: GatewayHandler
    private let refresher: SessionRefresher

    public init(configuration: GatewayConfiguration, logger: JSONLogger) {
        self.configuration = configuration
        self.logger = logger
        let pool = PostgresPool(
            configuration: PostgresConfiguration(
                connectionString: configuration.databaseURL, poolSize: configuration.databasePoolSize))
        self.pool = pool
        let reference = ServerReference()
        let metrics = MetricsRegistry()
        let handler = GatewayHandler(
            configuration: configuration, pool: pool, logger: logger, metrics: metrics,
            openConnections: { reference.openConnectionCount })
        self.handler = handler
        refresher = SessionRefresher(
            pool: pool, configuration: configuration, clients: handler.signIn.clients, logger: logger, metrics: metrics)
        var http = HTTPServerConfiguration()
        http.host = configuration.listenHost
        http.port = configuration.listenPort
        http.workerCount = configuration.httpWorkers
        http.maxBodyBytes = configuration.maxBodyBytes
        server = HTTPServer(
            configuration: http, handler: { handler.handle($0) },
            failureResponder: { failure, status in Self.failureResponse(failure, status) })
        reference.set(server)
    }

    /// Starts serving and returns the bound port.
    public func start() throws -> Int {
        try server.start()
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests finish and closes the pool.
    public func runUntilSignalled() throws -> Never {
        let port = try start()
        logger.info("listening", ["host": .string(configuration.listenHost), "port": .integer(port)])
        refresher.start()
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let queue = DispatchQueue(label: "scim-gateway.signals")
        let sources = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: queue) }
        for source in sources {
            source.setEventHandler { [self] in
                logger.info("shutting down", ["grace_seconds": .double(configuration.shutdownGracePeriod)])
                server.shutdown(deadline: configuration.shutdownGracePeriod)
                refresher.stop()
                if !handler.provisioningLog.waitUntilIdle(timeout: 5) {
                    logger.warning("provisioning log not fully written before shutdown")
                }
                pool.close()
                logger.info("stopped")
                exit(0)
            }
            source.resume()
        }
        withExtendedLifetime(sources) { dispatchMain() }
    }

    /// Errors the HTTP layer raises itself, as SCIM error bodies.
    private static func failureResponse(_ failure: HTTPServerFailure, _ status: Int) -> HTTPResponse {
        let detail: String
        switch failure {
        case .bodyTooLarge: detail = "The request body is larger than this service accepts."
        case .headersTooLarge: detail = "The request headers are larger than this service accepts."
        case .uriTooLong: detail = "The request line is longer than this service accepts."
        case .requestTimeout: detail = "The request was not received in time."
        case .serviceUnavailable: detail = "The service is not accepting requests right now."
        default: detail = "The request is not valid HTTP/1.1."
        }
        var response = SCIMResponse.error(SCIMError(status: status, detail: detail))
        response.headers.replaceOrAdd(name: "Connection", value: "close")
        return response
    }
}
